// SPDX-License-Identifier: GPL-3.0-or-later
// Precision of a class never predicted is 0 (and counts in the macro mean), as in
// scikit-learn with zero_division=0. The macro mean runs over the true classes only: a
// label that was predicted but is never true (a "no prediction" marker) has a confusion
// column but no score of its own.
#include "ml/classification_report.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <sstream>

#include "ml/answers_json.hpp"
#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

ClassScores class_scores(const std::string& label, std::size_t hits, std::size_t predicted_as, std::size_t actual) {
    const auto share = [](std::size_t part, std::size_t whole) {
        return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
    };
    ClassScores scores{label, share(hits, predicted_as), share(hits, actual), 0.0, actual};
    scores.f1 = scores.precision + scores.recall > 0
                    ? 2 * scores.precision * scores.recall / (scores.precision + scores.recall)
                    : 0.0;
    return scores;
}

// Macro-F1 over the true classes of the examples `sample` picks (a repeated index counts again).
double macro_f1_of(const std::vector<std::size_t>& truth, const std::vector<std::size_t>& predicted,
                   std::size_t labels, std::span<const std::size_t> sample) {
    std::vector<std::size_t> hits(labels, 0), predicted_as(labels, 0), actual(labels, 0);
    for (std::size_t i : sample) {
        ++actual[truth[i]];
        ++predicted_as[predicted[i]];
        hits[truth[i]] += truth[i] == predicted[i];
    }
    double sum = 0.0;
    std::size_t true_classes = 0;
    for (std::size_t c = 0; c < labels; ++c) {
        if (actual[c] > 0) {
            sum += class_scores({}, hits[c], predicted_as[c], actual[c]).f1;
            ++true_classes;
        }
    }
    return sum / static_cast<double>(true_classes);
}

}  // namespace

ClassificationReport score_predictions(const std::vector<std::string>& truth, const std::vector<std::string>& predicted,
                                       const ResamplingUnits& units) {
    if (truth.empty()) {
        throw Error("there are no held-out examples to score");
    }
    if (units.examples() != truth.size()) {
        throw Error("the resampling units cover " + std::to_string(units.examples()) + " examples, not the " +
                    std::to_string(truth.size()) + " scored");
    }
    ClassificationReport report;
    std::set<std::string> labels(truth.begin(), truth.end());
    labels.insert(predicted.begin(), predicted.end());
    report.labels.assign(labels.begin(), labels.end());
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < report.labels.size(); ++i) {
        index[report.labels[i]] = i;
    }
    const std::size_t n = report.labels.size();
    report.confusion.assign(n, std::vector<std::size_t>(n, 0));
    std::vector<std::size_t> truth_index, predicted_index, every_example;
    std::vector<bool> right;
    for (std::size_t i = 0; i < truth.size(); ++i) {
        truth_index.push_back(index[truth[i]]);
        predicted_index.push_back(index[predicted[i]]);
        every_example.push_back(i);
        ++report.confusion[truth_index[i]][predicted_index[i]];
        right.push_back(truth[i] == predicted[i]);
        report.correct += right.back();
        report.answers.push_back({{}, truth[i], predicted[i]});
    }
    report.examples = truth.size();
    report.accuracy = static_cast<double>(report.correct) / static_cast<double>(truth.size());
    report.accuracy_interval = share_interval(right, units);
    report.interval_groups = units.groups();
    report.macro_f1 = macro_f1_of(truth_index, predicted_index, n, every_example);
    report.macro_f1_interval = bootstrap_interval(units, [&](std::span<const std::size_t> sample) {
        return macro_f1_of(truth_index, predicted_index, n, sample);
    });
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t predicted_as = 0, actual = 0;
        for (std::size_t k = 0; k < n; ++k) {
            predicted_as += report.confusion[k][c];
            actual += report.confusion[c][k];
        }
        if (actual > 0) {
            report.classes.push_back(class_scores(report.labels[c], report.confusion[c][c], predicted_as, actual));
        }
    }
    return report;
}

void set_baselines(ClassificationReport& report, const std::vector<std::string>& reference_labels) {
    if (reference_labels.empty()) {
        throw Error("a baseline needs the labels a model learned from; there are none");
    }
    std::map<std::string, std::size_t> reference_counts;
    for (const auto& label : reference_labels) {
        ++reference_counts[label];
    }
    std::map<std::string, std::size_t> held_out_counts;
    for (std::size_t r = 0; r < report.labels.size(); ++r) {
        for (std::size_t count : report.confusion[r]) {
            held_out_counts[report.labels[r]] += count;
        }
    }
    const auto commonest = std::max_element(reference_counts.begin(), reference_counts.end(),
                                            [](const auto& a, const auto& b) { return a.second < b.second; });
    const double examples = static_cast<double>(report.examples);
    report.majority_class = commonest->first;
    report.majority_baseline = static_cast<double>(held_out_counts[commonest->first]) / examples;
    report.stratified_baseline = 0.0;
    for (const auto& [label, count] : reference_counts) {
        const double share = static_cast<double>(count) / static_cast<double>(reference_labels.size());
        report.stratified_baseline += share * static_cast<double>(held_out_counts[label]) / examples;
    }
    report.majority_p_value = chance_of_at_least(report.correct, report.examples, report.majority_baseline);
}

void write_report_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) {
        throw Error("cannot write report " + file.string());
    }
}

namespace {

std::string fixed(double value, int digits = 3) {
    std::ostringstream out;
    out.precision(digits);
    out << std::fixed << value;
    return out.str();
}

std::string range(const ConfidenceInterval& interval) {
    return fixed(interval.low) + "–" + fixed(interval.high);
}

std::string escape_xml(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    }
    return out;
}

std::string markdown(const ClassificationReport& report, const std::string& title) {
    const std::string groups = std::to_string(report.interval_groups) + " groups";
    std::ostringstream md;
    md << "# " << title << "\n\n"
       << "Held-out examples: " << report.examples << " (" << report.failed
       << " without a prediction, scored as misses)  \nAccuracy: **" << fixed(report.accuracy) << "** (95 % interval "
       << range(report.accuracy_interval)
       << (report.interval_groups ? ", bootstrap over their " + groups +
                                        " (the dataset's groups, e.g. artists), or the exact binomial interval where "
                                        "wider"
                                  : std::string(", exact binomial"))
       << ")  \nMacro-F1: **" << fixed(report.macro_f1) << "** (95 % interval " << range(report.macro_f1_interval)
       << ", bootstrap over the " << (report.interval_groups ? groups : std::string("examples"))
       << ")  \nBaselines: always '" << report.majority_class << "' "
       << fixed(report.majority_baseline) << " (chance of this accuracy or more at its rate: "
       << p_value_text(report.majority_p_value) << "), random at the training shares "
       << fixed(report.stratified_baseline) << "\n\n"
       << "| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n";
    for (const auto& c : report.classes) {
        md << "| " << c.label << " | " << fixed(c.precision) << " | " << fixed(c.recall) << " | " << fixed(c.f1) << " | "
           << c.support << " |\n";
    }
    md << "\nConfusion matrix (rows: true class, columns: predicted)\n\n| |";
    for (const auto& label : report.labels) {
        md << " " << label << " |";
    }
    md << "\n|---|";
    for (std::size_t i = 0; i < report.labels.size(); ++i) {
        md << "---|";
    }
    md << "\n";
    for (std::size_t r = 0; r < report.labels.size(); ++r) {
        md << "| **" << report.labels[r] << "** |";
        for (std::size_t c = 0; c < report.labels.size(); ++c) {
            md << " " << report.confusion[r][c] << " |";
        }
        md << "\n";
    }
    return md.str();
}

// Row-normalised confusion matrix as a heat map: darker = larger share of the true class.
std::string svg(const ClassificationReport& report, const std::string& title) {
    const int n = static_cast<int>(report.labels.size());
    const int cell = 56, left = 130, top = 110;
    const int width = left + n * cell + 20, height = top + n * cell + 40;
    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">" << escape_xml(title) << "</text>\n"
      << "<text x=\"10\" y=\"42\">accuracy " << fixed(report.accuracy) << " (95 % interval "
      << range(report.accuracy_interval) << "), macro-F1 " << fixed(report.macro_f1)
      << ", " << report.examples << " held-out examples; rows: true, columns: predicted</text>\n";
    for (int c = 0; c < n; ++c) {
        s << "<text transform=\"translate(" << left + c * cell + cell / 2 << "," << top - 8
          << ") rotate(-40)\">" << escape_xml(report.labels[c]) << "</text>\n";
    }
    for (int r = 0; r < n; ++r) {
        std::size_t total = 0;
        for (int c = 0; c < n; ++c) {
            total += report.confusion[r][c];
        }
        s << "<text x=\"" << left - 8 << "\" y=\"" << top + r * cell + cell / 2 + 4 << "\" text-anchor=\"end\">"
          << escape_xml(report.labels[r]) << "</text>\n";
        for (int c = 0; c < n; ++c) {
            const double share = total ? static_cast<double>(report.confusion[r][c]) / total : 0.0;
            const int shade = static_cast<int>(255 - 200 * share);
            s << "<rect x=\"" << left + c * cell << "\" y=\"" << top + r * cell << "\" width=\"" << cell << "\" height=\""
              << cell << "\" fill=\"rgb(" << shade << "," << shade << ",255)\" stroke=\"#888\"/>\n"
              << "<text x=\"" << left + c * cell + cell / 2 << "\" y=\"" << top + r * cell + cell / 2 + 4
              << "\" text-anchor=\"middle\" fill=\"" << (share > 0.5 ? "white" : "black") << "\">"
              << report.confusion[r][c] << "</text>\n";
        }
    }
    s << "</svg>\n";
    return s.str();
}

}  // namespace

void write_report(const ClassificationReport& report, const std::string& title, const std::filesystem::path& stem) {
    nlohmann::ordered_json json{{"title", title},
                                {"examples", report.examples},
                                {"failed", report.failed},
                                {"accuracy", report.accuracy},
                                {"accuracy_interval", {report.accuracy_interval.low, report.accuracy_interval.high}},
                                {"macro_f1", report.macro_f1},
                                {"macro_f1_interval", {report.macro_f1_interval.low, report.macro_f1_interval.high}},
                                {"interval_groups", report.interval_groups},
                                {"majority_class", report.majority_class},
                                {"majority_baseline", report.majority_baseline},
                                {"majority_p_value", report.majority_p_value},
                                {"stratified_baseline", report.stratified_baseline},
                                {"labels", report.labels},
                                {"confusion", report.confusion}};
    for (const auto& c : report.classes) {
        json["classes"][c.label] = {{"precision", c.precision}, {"recall", c.recall}, {"f1", c.f1}, {"support", c.support}};
    }
    json["answers"] = answers_json(report.answers);
    std::string md = markdown(report, title);
    if (report.calibration) {
        auto& calibration = json["calibration"];
        calibration["examples"] = report.calibration->examples;
        calibration["expected_error"] = report.calibration->expected_error;
        calibration["bins"] = nlohmann::ordered_json::array();
        for (const auto& bin : report.calibration->bins) {
            calibration["bins"].push_back({{"low", bin.low}, {"high", bin.high}, {"examples", bin.examples},
                                           {"mean_confidence", bin.mean_confidence}, {"accuracy", bin.accuracy}});
        }
        md += reliability_markdown(*report.calibration);
        write_report_file(stem.string() + ".reliability.svg", reliability_svg(*report.calibration, title));
    }
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    write_report_file(stem.string() + ".md", md);
    write_report_file(stem.string() + ".svg", svg(report, title));
}

}  // namespace timbre::host
