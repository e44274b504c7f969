// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre compare-models FIRST.json SECOND.json`: whether one classifier, regressor or tagger
// is better than another on the held-out examples both were scored on, from the JSON reports
// `timbre evaluate` and `timbre train` write; or one similarity metric than another, from the
// votes of each track's nearest neighbours that `timbre evaluate-similarity` keeps. Their
// scores on the shared examples, how often each did better where the two differ, and the
// exact test of that split (ml/paired_comparison.hpp): what two scores and their intervals
// cannot say alone. With --fail-if-worse it gates a retrained model: exit 3 when the second
// report's model is worse than the first's beyond chance.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <variant>

#include "cli/commands.hpp"
#include "ml/answers_json.hpp"
#include "ml/confidence_interval.hpp"
#include "ml/paired_comparison.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

// A classifier's or similarity metric's answers are labels, a regressor's numbers, a
// tagger's sets of tags.
using ReportAnswers = std::variant<std::vector<ExampleAnswer>, std::vector<EstimateAnswer>, std::vector<TagAnswer>>;

struct ReadReport {
    std::string title;
    ReportAnswers answers;
};

// Which answers of an evaluate-similarity report to read: a metric's mutual-proximity row
// (the distances similar and playlist use), over every neighbour or other artists' only.
struct MetricChoice {
    std::string node;  // a metric's node id, or the start of exactly one ("hybrid")
    bool artist_filtered = false;
};

ReportAnswers answers_in(const nlohmann::json& answers, const std::string& file) {
    if (answers.empty()) {
        throw Error(file + ": its list of answers is empty (no held-out example had a prediction)");
    }
    try {
        if (answers.front().at("truth").is_array()) {
            auto read = answers_from_json<TagAnswer>(answers);
            for (auto& answer : read) {
                std::sort(answer.truth.begin(), answer.truth.end());
                std::sort(answer.predicted.begin(), answer.predicted.end());
            }
            return read;
        }
        if (answers.front().at("truth").is_number()) {
            return answers_from_json<EstimateAnswer>(answers);
        }
        return answers_from_json<ExampleAnswer>(answers);
    } catch (const nlohmann::json::exception& e) {
        throw Error(file + ": an answer lacks a field or has one of the wrong type (" + e.what() + ")");
    }
}

ReadReport read_metric(const nlohmann::json& metrics, const std::string& file, const MetricChoice& choice) {
    std::string names;
    std::vector<const nlohmann::json*> exact, starting;
    for (const auto& metric : metrics) {
        const std::string node = metric.value("node", "");
        names += (names.empty() ? "" : ", ") + node;
        if (!choice.node.empty() && node == choice.node) {
            exact.push_back(&metric);
        } else if (!choice.node.empty() && node.rfind(choice.node, 0) == 0) {
            starting.push_back(&metric);
        }
    }
    const auto& candidates = exact.empty() ? starting : exact;
    if (candidates.size() != 1) {
        throw Error(file + " is a similarity report: name exactly one of its metrics with --first-metric or "
                           "--second-metric (" + names + ")");
    }
    const nlohmann::json* chosen = candidates.front();
    const std::string row = choice.artist_filtered ? "group_filtered" : "all";
    for (const auto& normalisation : chosen->value("normalisations", nlohmann::json::array())) {
        if (normalisation.value("normalisation", "") == "mutual proximity" && normalisation.contains(row) &&
            normalisation[row].contains("answers")) {
            if (normalisation[row]["answers"].empty()) {
                throw Error(file + ": metric " + chosen->value("node", "") + " has no " +
                            (choice.artist_filtered ? "artist-filtered " : "") + "answers" +
                            (choice.artist_filtered ? " (was it evaluated with --group-by?)" : ""));
            }
            return {chosen->value("node", "") + (choice.artist_filtered ? ", other artists' neighbours" : "") +
                        " in " + file,
                    answers_in(normalisation[row]["answers"], file)};
        }
    }
    throw Error(file + ": metric " + chosen->value("node", "") +
                " has no per-track answers (older reports lack them: evaluate again)");
}

ReadReport read_report(const std::string& file, const MetricChoice& choice) {
    std::ifstream in(file);
    if (!in) {
        throw Error("cannot read report " + file);
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(file + ": not a JSON report (" + e.what() + ")");
    }
    if (json.is_array()) {
        return read_metric(json, file, choice);
    }
    if (!json.is_object() || !json.contains("answers") || !json["answers"].is_array()) {
        throw Error(file + ": no per-example answers: give the .json report of a classifier, regressor or tagger "
                           "that `timbre evaluate` or `timbre train` wrote, or of `timbre evaluate-similarity` (older "
                           "reports lack them: evaluate again)");
    }
    if (!choice.node.empty()) {
        throw Error(file + " is a model's report: a metric (" + choice.node +
                    ") is chosen in evaluate-similarity's reports only");
    }
    return {json.value("title", file), answers_in(json["answers"], file)};
}

double share(std::size_t part, std::size_t whole) { return static_cast<double>(part) / static_cast<double>(whole); }

const char* verdict(double p_value) {
    return p_value < 0.05 ? "unlikely if the two were equally good"
                          : "a split like this is common between equally good models";
}

void print_shared(const SharedExamples& examples) {
    std::cout << "shared held-out examples: " << examples.shared << " (only in the first report: "
              << examples.only_in_first << ", only in the second: " << examples.only_in_second << ")\n";
}

// "(95 % interval a to b, paired bootstrap over …)": the examples, or the groups they come in.
std::string gain_interval(const ConfidenceInterval& gain, std::size_t groups) {
    std::ostringstream text;
    text << "(95 % interval " << gain.low << " to " << gain.high << ", paired bootstrap over "
         << (groups ? "the " + std::to_string(groups) + " groups of the examples" : std::string("the examples")) << ")";
    return text.str();
}

void print(const ReadReport& first, const ReadReport& second, const PairedComparison& comparison) {
    const RightCounts& right = comparison.right;
    const std::size_t shared = comparison.examples.shared;
    print_shared(comparison.examples);
    std::cout << "first accuracy: " << share(right.both + right.first_only, shared) << " (" << first.title << ")\n"
              << "second accuracy: " << share(right.both + right.second_only, shared) << " (" << second.title << ")\n"
              << "both right: " << right.both << ", neither: " << right.neither << "\n"
              << "only the first right: " << right.first_only << "\n"
              << "only the second right: " << right.second_only << "\n"
              << "accuracy gain of the second: "
              << share(right.second_only, shared) - share(right.first_only, shared) << " "
              << gain_interval(comparison.accuracy_gain, comparison.interval_groups) << "\n"
              << "McNemar exact test, two-sided: " << p_value_text(comparison.p_value) << " ("
              << verdict(comparison.p_value) << ")\n";
}

void print(const ReadReport& first, const ReadReport& second, const PairedEstimates& comparison) {
    print_shared(comparison.examples);
    std::cout << "first mae: " << comparison.first_mae << " (" << first.title << ")\n"
              << "second mae: " << comparison.second_mae << " (" << second.title << ")\n"
              << "first r2: " << comparison.first_r2 << "\n"
              << "second r2: " << comparison.second_r2 << "\n"
              << "r2 gain of the second: " << comparison.second_r2 - comparison.first_r2 << " "
              << gain_interval(comparison.r2_gain, comparison.interval_groups) << "\n"
              << "first closer: " << comparison.first_closer << "\n"
              << "second closer: " << comparison.second_closer << "\n"
              << "equally close: " << comparison.equally_close << "\n"
              << "sign test, two-sided: " << p_value_text(comparison.p_value) << " (" << verdict(comparison.p_value)
              << ")\n";
}

void print(const ReadReport& first, const ReadReport& second, const PairedTags& comparison) {
    print_shared(comparison.examples);
    std::cout << "first micro-F1: " << comparison.first_micro_f1 << " (" << first.title << ")\n"
              << "second micro-F1: " << comparison.second_micro_f1 << " (" << second.title << ")\n"
              << "micro-F1 gain of the second: " << comparison.second_micro_f1 - comparison.first_micro_f1 << " "
              << gain_interval(comparison.micro_f1_gain, comparison.interval_groups) << "\n"
              << "both named every tag exactly: " << comparison.exact.both << ", neither: " << comparison.exact.neither
              << "\n"
              << "only the first exact: " << comparison.exact.first_only << "\n"
              << "only the second exact: " << comparison.exact.second_only << "\n"
              << "McNemar exact test on exact sets, two-sided: " << p_value_text(comparison.p_value) << " ("
              << verdict(comparison.p_value) << ")\n";
}

// What a report's answers are, for a message.
const char* kind_of(const ReportAnswers& answers) {
    constexpr const char* kinds[] = {"labels", "numbers (a regressor's)", "sets of tags (a tagger's)"};
    return kinds[answers.index()];
}

// Of the examples on which the two models differ, how many each did better on, and the
// exact test of that split; and the interval of the second's gain, with the groups it
// resampled (0: the examples), since the test counts each example as independent.
struct DifferingExamples {
    std::size_t first_better = 0;
    std::size_t second_better = 0;
    double p_value = 1.0;
    ConfidenceInterval gain;
    std::size_t interval_groups = 0;

    // Worse beyond chance: by the test, and where examples come in groups, also by the whole
    // interval of the gain lying below 0.
    bool second_worse() const {
        return first_better > second_better && p_value < 0.05 && (interval_groups == 0 || gain.high < 0.0);
    }
};

DifferingExamples compare(const ReadReport& first, const ReadReport& second, const std::string& first_file,
                          const std::string& second_file) {
    if (first.answers.index() != second.answers.index()) {
        throw Error(first_file + " answers with " + kind_of(first.answers) + " and " + second_file + " with " +
                    kind_of(second.answers) + ": they cannot be compared");
    }
    if (const auto* labels = std::get_if<std::vector<ExampleAnswer>>(&first.answers)) {
        const auto comparison = compare_answers(*labels, std::get<std::vector<ExampleAnswer>>(second.answers));
        print(first, second, comparison);
        return {comparison.right.first_only, comparison.right.second_only, comparison.p_value,
                comparison.accuracy_gain, comparison.interval_groups};
    }
    if (const auto* estimates = std::get_if<std::vector<EstimateAnswer>>(&first.answers)) {
        const auto comparison = compare_estimates(*estimates, std::get<std::vector<EstimateAnswer>>(second.answers));
        print(first, second, comparison);
        return {comparison.first_closer, comparison.second_closer, comparison.p_value, comparison.r2_gain,
                comparison.interval_groups};
    }
    const auto comparison = compare_tags(std::get<std::vector<TagAnswer>>(first.answers),
                                         std::get<std::vector<TagAnswer>>(second.answers));
    print(first, second, comparison);
    return {comparison.exact.first_only, comparison.exact.second_only, comparison.p_value, comparison.micro_f1_gain,
            comparison.interval_groups};
}

}  // namespace

void add_model_comparison_command(CLI::App& app, std::function<int()>& run) {
    auto* command = app.add_subcommand(
        "compare-models", "Whether one classifier, regressor, tagger or similarity metric beats another on the "
                          "examples both were scored on (an exact paired test on their JSON reports)");
    struct Options {
        std::string first, second;
        std::string first_metric, second_metric;
        bool artist_filtered = false;
        bool fail_if_worse = false;
    };
    auto options = std::make_shared<Options>();
    command->add_option("first", options->first, "A .json report of timbre evaluate, train or evaluate-similarity")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("second", options->second, "Another, scored on the same examples (it may be the same file)")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--first-metric", options->first_metric,
                        "In a similarity report: the metric to read from the first file (a node id, or its start)");
    command->add_option("--second-metric", options->second_metric, "… and from the second");
    command->add_flag("--artist-filtered", options->artist_filtered,
                      "In similarity reports: the votes of other artists' neighbours only (--group-by's row)");
    command->add_flag("--fail-if-worse", options->fail_if_worse,
                      "Exit 3 when the second is worse than the first beyond chance (p < 0.05 and, where the "
                      "examples come in groups, the whole gain interval below 0): a gate for a retrained model "
                      "or a changed config");
    command->callback([&run, options] {
        run = [options] {
            const ReadReport first = read_report(options->first, {options->first_metric, options->artist_filtered});
            const ReadReport second = read_report(options->second, {options->second_metric, options->artist_filtered});
            const DifferingExamples split = compare(first, second, options->first, options->second);
            if (options->fail_if_worse && split.second_worse()) {
                std::cout << "the second is worse than the first beyond chance: failing as --fail-if-worse asks\n";
                return kSecondModelWorse;
            }
            return kSuccess;
        };
    });
}

}  // namespace timbre::host
