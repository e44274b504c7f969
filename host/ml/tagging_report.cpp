// SPDX-License-Identifier: GPL-3.0-or-later
// Average precision is the mean, over the examples carrying a tag, of the precision among the
// examples ranked at or above them by that tag's probability (ties ranked by example order);
// an example without a prediction gives every tag probability 0.
#include "ml/tagging_report.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <span>
#include <sstream>

#include "ml/answers_json.hpp"
#include "ml/classification_report.hpp"
#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

double f1_of(double true_positives, double false_positives, double false_negatives) {
    const double denominator = 2.0 * true_positives + false_positives + false_negatives;
    return denominator > 0.0 ? 2.0 * true_positives / denominator : 0.0;
}

double average_precision(const std::vector<double>& scores, const std::vector<bool>& carries) {
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    double hits = 0.0, sum = 0.0;
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        if (carries[order[rank]]) {
            hits += 1.0;
            sum += hits / static_cast<double>(rank + 1);
        }
    }
    return hits > 0.0 ? sum / hits : 0.0;
}

}  // namespace

TagDecisions decisions_of(const TagAnswer& answer) {
    std::vector<std::string> both;
    std::set_intersection(answer.truth.begin(), answer.truth.end(), answer.predicted.begin(), answer.predicted.end(),
                          std::back_inserter(both));
    return {static_cast<double>(both.size()), static_cast<double>(answer.predicted.size() - both.size()),
            static_cast<double>(answer.truth.size() - both.size())};
}

double micro_f1(std::span<const TagDecisions> decisions, std::span<const std::size_t> sample) {
    TagDecisions sum;
    for (std::size_t k : sample) {
        sum.true_positives += decisions[k].true_positives;
        sum.false_positives += decisions[k].false_positives;
        sum.false_negatives += decisions[k].false_negatives;
    }
    return f1_of(sum.true_positives, sum.false_positives, sum.false_negatives);
}

TaggingReport score_tags(const std::vector<std::vector<std::string>>& truth,
                         const std::vector<std::optional<std::map<std::string, double>>>& presence) {
    if (truth.empty() || presence.size() != truth.size()) {
        throw Error("a tagging score needs at least one example with its tags, got " + std::to_string(truth.size()));
    }
    TaggingReport report;
    report.examples = truth.size();
    std::set<std::string> tag_set;
    for (std::size_t k = 0; k < truth.size(); ++k) {
        tag_set.insert(truth[k].begin(), truth[k].end());
        if (!presence[k]) {
            ++report.failed;
            continue;
        }
        for (const auto& [tag, probability] : *presence[k]) {
            if (!(probability >= 0.0 && probability <= 1.0)) {
                throw Error("example " + std::to_string(k) + ": the probability of tag '" + tag +
                            "' is not a number from 0 to 1");
            }
            tag_set.insert(tag);
        }
    }
    const double n = static_cast<double>(truth.size());
    double true_positives = 0.0, false_positives = 0.0, false_negatives = 0.0, named_tags = 0.0;
    double f1_sum = 0.0, ap_sum = 0.0, chance_ap_sum = 0.0, carried_tags = 0.0;
    std::vector<std::set<std::string>> predicted_sets(truth.size());
    for (const auto& tag : tag_set) {
        TagScores scores{.tag = tag};
        std::vector<double> probabilities(truth.size(), 0.0);
        std::vector<bool> carries(truth.size(), false);
        double tp = 0.0, fp = 0.0, fn = 0.0;
        for (std::size_t k = 0; k < truth.size(); ++k) {
            carries[k] = std::find(truth[k].begin(), truth[k].end(), tag) != truth[k].end();
            if (presence[k]) {
                const auto it = presence[k]->find(tag);
                probabilities[k] = it == presence[k]->end() ? 0.0 : it->second;
            }
            const bool said = probabilities[k] >= report.threshold;
            if (said) {
                predicted_sets[k].insert(tag);
            }
            scores.support += carries[k];
            scores.predicted += said;
            tp += said && carries[k];
            fp += said && !carries[k];
            fn += !said && carries[k];
        }
        scores.precision = scores.predicted > 0 ? tp / static_cast<double>(scores.predicted) : 0.0;
        scores.recall = scores.support > 0 ? tp / static_cast<double>(scores.support) : 0.0;
        scores.f1 = f1_of(tp, fp, fn);
        scores.average_precision = average_precision(probabilities, carries);
        true_positives += tp;
        false_positives += fp;
        false_negatives += fn;
        named_tags += static_cast<double>(scores.predicted);
        if (scores.support > 0) {
            carried_tags += 1.0;
            f1_sum += scores.f1;
            ap_sum += scores.average_precision;
            chance_ap_sum += static_cast<double>(scores.support) / n;
        }
        report.tags.push_back(scores);
    }
    double truth_tags = 0.0, exact = 0.0;
    for (std::size_t k = 0; k < truth.size(); ++k) {
        const std::set<std::string> carried(truth[k].begin(), truth[k].end());
        truth_tags += static_cast<double>(truth[k].size());
        exact += predicted_sets[k] == carried;
        report.answers.push_back(
            {{}, {carried.begin(), carried.end()}, {predicted_sets[k].begin(), predicted_sets[k].end()}});
    }
    report.micro_f1 = f1_of(true_positives, false_positives, false_negatives);
    std::vector<TagDecisions> decisions;
    std::transform(report.answers.begin(), report.answers.end(), std::back_inserter(decisions), decisions_of);
    report.micro_f1_interval = bootstrap_interval(
        ResamplingUnits::each_example(truth.size()),
        [&](std::span<const std::size_t> sample) { return micro_f1(decisions, sample); });
    report.macro_f1 = carried_tags > 0.0 ? f1_sum / carried_tags : 0.0;
    report.mean_average_precision = carried_tags > 0.0 ? ap_sum / carried_tags : 0.0;
    report.chance_mean_average_precision = carried_tags > 0.0 ? chance_ap_sum / carried_tags : 0.0;
    report.exact_sets = exact / n;
    report.mean_tags = truth_tags / n;
    report.mean_predicted = named_tags / n;
    report.every_tag_micro_f1 = f1_of(truth_tags, n * static_cast<double>(tag_set.size()) - truth_tags, 0.0);
    return report;
}

void write_report(const TaggingReport& report, const std::string& title, const std::filesystem::path& stem) {
    nlohmann::ordered_json tags = nlohmann::ordered_json::array();
    for (const auto& t : report.tags) {
        tags.push_back({{"tag", t.tag},
                        {"support", t.support},
                        {"predicted", t.predicted},
                        {"precision", t.precision},
                        {"recall", t.recall},
                        {"f1", t.f1},
                        {"average_precision", t.average_precision}});
    }
    nlohmann::ordered_json json{{"title", title},
                                {"examples", report.examples},
                                {"failed", report.failed},
                                {"threshold", report.threshold},
                                {"micro_f1", report.micro_f1},
                                {"micro_f1_interval", {report.micro_f1_interval.low, report.micro_f1_interval.high}},
                                {"macro_f1", report.macro_f1},
                                {"mean_average_precision", report.mean_average_precision},
                                {"exact_sets", report.exact_sets},
                                {"mean_tags", report.mean_tags},
                                {"mean_predicted", report.mean_predicted},
                                {"every_tag_micro_f1", report.every_tag_micro_f1},
                                {"chance_mean_average_precision", report.chance_mean_average_precision},
                                {"tags", tags}};
    json["answers"] = answers_json(report.answers);
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    std::ostringstream markdown;
    markdown.precision(3);
    markdown << std::fixed << "# " << title << "\n\n"
             << "| examples | micro-F1 | macro-F1 | mAP | exact sets | tags per example (named) | every tag: micro-F1 | "
                "chance mAP |\n|---|---|---|---|---|---|---|---|\n| "
             << report.examples << " | " << report.micro_f1 << " (" << report.micro_f1_interval.low << "–"
             << report.micro_f1_interval.high << ") | " << report.macro_f1 << " | "
             << report.mean_average_precision << " | " << report.exact_sets << " | " << report.mean_tags << " ("
             << report.mean_predicted << ") | " << report.every_tag_micro_f1 << " | "
             << report.chance_mean_average_precision << " |\n\n"
             << "A tag is named when its probability is at least " << report.threshold
             << "; in brackets, micro-F1's 95 % interval, bootstrap over the examples.\n\n"
             << "| tag | examples with it | named | precision | recall | F1 | average precision |\n"
             << "|---|---|---|---|---|---|---|\n";
    for (const auto& t : report.tags) {
        markdown << "| " << t.tag << " | " << t.support << " | " << t.predicted << " | " << t.precision << " | "
                 << t.recall << " | " << t.f1 << " | " << t.average_precision << " |\n";
    }
    if (report.failed > 0) {
        markdown << "\n" << report.failed << " held-out examples had no prediction and are scored as naming no tag.\n";
    }
    write_report_file(stem.string() + ".md", markdown.str());
}

}  // namespace timbre::host
