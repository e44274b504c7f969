// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre compare-models FIRST.json SECOND.json`: whether one classifier is better than
// another on the held-out examples both were scored on, from the JSON reports `timbre
// evaluate` and `timbre train` write. Their accuracies on the shared examples, how often each
// was right where the other was wrong, and McNemar's exact test of that split
// (ml/paired_comparison.hpp): what two accuracies and their intervals cannot say alone.
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "ml/confidence_interval.hpp"
#include "ml/paired_comparison.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

struct ReadReport {
    std::string title;
    std::vector<ExampleAnswer> answers;
};

ReadReport read_report(const std::string& file) {
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
    if (!json.is_object() || !json.contains("answers") || !json["answers"].is_array()) {
        throw Error(file + ": no per-example answers: give the .json report of a classifier that `timbre evaluate` "
                           "or `timbre train` wrote (older reports lack them: evaluate again)");
    }
    ReadReport report{json.value("title", file), {}};
    try {
        for (const auto& answer : json["answers"]) {
            report.answers.push_back({answer.at("example").get<std::string>(), answer.at("origin").get<std::string>(),
                                      answer.at("truth").get<std::string>(),
                                      answer.at("predicted").get<std::string>()});
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(file + ": an answer lacks a field (" + e.what() + ")");
    }
    return report;
}

double share(std::size_t part, std::size_t whole) { return static_cast<double>(part) / static_cast<double>(whole); }

void print(const ReadReport& first, const ReadReport& second, const PairedComparison& comparison) {
    const std::size_t first_right = comparison.both_right + comparison.first_only_right;
    const std::size_t second_right = comparison.both_right + comparison.second_only_right;
    std::cout << "shared held-out examples: " << comparison.shared << " (only in the first report: "
              << comparison.only_in_first << ", only in the second: " << comparison.only_in_second << ")\n"
              << "first accuracy: " << share(first_right, comparison.shared) << " (" << first.title << ")\n"
              << "second accuracy: " << share(second_right, comparison.shared) << " (" << second.title << ")\n"
              << "both right: " << comparison.both_right << ", neither: " << comparison.neither_right << "\n"
              << "only the first right: " << comparison.first_only_right << "\n"
              << "only the second right: " << comparison.second_only_right << "\n"
              << "McNemar exact test, two-sided: " << p_value_text(comparison.p_value) << " ("
              << (comparison.p_value < 0.05 ? "unlikely if the two were equally good"
                                            : "a split like this is common between equally good models")
              << ")\n";
}

}  // namespace

void add_model_comparison_command(CLI::App& app, std::function<int()>& run) {
    auto* command = app.add_subcommand(
        "compare-models", "Whether one classifier beats another on the held-out examples both were scored on "
                          "(McNemar's exact test on their JSON reports)");
    auto files = std::make_shared<std::pair<std::string, std::string>>();
    command->add_option("first", files->first, "A classifier's .json report from timbre evaluate or train")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("second", files->second, "Another, scored on the same examples")
        ->required()
        ->check(CLI::ExistingFile);
    command->callback([&run, files] {
        run = [files] {
            const ReadReport first = read_report(files->first), second = read_report(files->second);
            print(first, second, compare_answers(first.answers, second.answers));
            return kSuccess;
        };
    });
}

}  // namespace timbre::host
