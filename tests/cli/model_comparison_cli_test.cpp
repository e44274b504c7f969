// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre compare-models` on the reports of two classifiers trained on one dataset: one
// reads the column that separates the classes, the other only noise. The first must be
// found better beyond chance, a report against itself not at all, and a file that is not a
// classifier's report must be refused by name.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
std::string two_class_csv() {
    std::mt19937 engine(11);
    std::uniform_real_distribution<double> jitter(0.0, 0.9);
    std::ostringstream csv;
    csv << "id,label,level,noise\n";
    for (int i = 0; i < 300; ++i) {
        csv << i << "," << "AB"[i % 2] << "," << 10.0 * (i % 2) + jitter(engine) << "," << jitter(engine) << "\n";
    }
    return csv.str();
}

std::filesystem::path trained_report(const std::filesystem::path& scratch, const std::string& name,
                                     const std::string& column) {
    test::write_text(scratch / (name + ".yaml"),
                     "dataset: {csv: data.csv, label: label, id: id, features: [" + column + "]}\nnodes:\n"
                     "  - {id: " + name + ", plugin: timbre.gbt_classifier, params: {model: " + name +
                         ".ubj, rounds: 10}, inputs: {features: track.features}}\n");
    const auto trained = test::run_timbre({"train", (scratch / (name + ".yaml")).string(), "--model-dir",
                                           (scratch / name).string(), "--report", (scratch / name).string() + "-report"});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    return (scratch / name).string() + "-report.json";
}
}  // namespace

TEST_CASE("compare-models pairs two classifiers' held-out answers and tests the split", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", two_class_csv());
    const auto separating = trained_report(scratch.path(), "by_level", "level");
    const auto guessing = trained_report(scratch.path(), "by_noise", "noise");
    const auto report = nlohmann::json::parse(test::read_text(separating));
    REQUIRE(report["answers"].size() == report["examples"].get<std::size_t>());
    CHECK(report["answers"][0]["origin"].get<std::string>().find("data.csv:") != std::string::npos);

    const auto compared = test::run_timbre({"compare-models", guessing.string(), separating.string()});
    INFO(compared.output);
    REQUIRE(compared.exit_code == 0);
    CHECK(test::printed_number(compared.output, "shared held-out examples") == report["examples"].get<double>());
    CHECK(test::printed_number(compared.output, "second accuracy") >= 0.9);  // xgboost's bins blur the gap's edge
    CHECK(test::printed_number(compared.output, "only the first right") <= 3.0);
    CHECK(test::printed_number(compared.output, "only the second right") >= 10.0);
    CHECK_THAT(compared.output, Catch::Contains("unlikely if the two were equally good"));

    const auto itself = test::run_timbre({"compare-models", separating.string(), separating.string()});
    CHECK_THAT(itself.output, Catch::Contains("p = 1 "));

    test::write_text(scratch / "summary.json", "{\"title\": \"no answers\"}");
    const auto refused = test::run_timbre({"compare-models", (scratch / "summary.json").string(), separating.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.output, Catch::Contains("summary.json: no per-example answers"));
}
