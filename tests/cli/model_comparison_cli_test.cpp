// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre compare-models` on the reports of two classifiers trained on one dataset: one
// reads the column that separates the classes, the other only noise. The first must be
// found better beyond chance, a report against itself not at all, and a file that is not a
// classifier's report must be refused by name; --fail-if-worse must fail only the worse
// order. Likewise for two regressors, one of which reads the column the target follows; and
// a regressor is never compared with a classifier. Where answers name their artists, the
// intervals resample artists, and ten misses on one artist's tracks are not enough to fail.
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

// The two-class rows by 30 artists of 10 tracks each.
std::string grouped_csv() {
    std::istringstream rows(two_class_csv());
    std::ostringstream csv;
    std::string line;
    std::getline(rows, line);
    csv << line << ",artist\n";
    for (int i = 0; std::getline(rows, line); ++i) {
        csv << line << ",artist " << i / 10 << "\n";
    }
    return csv.str();
}

// A classifier's report of 40 examples by 4 artists of 10, right except on `missed_artist`'s
// (none: -1), its answers naming their artist when `grouped`.
std::string hand_report(int missed_artist, bool grouped) {
    nlohmann::json answers = nlohmann::json::array();
    for (int i = 0; i < 40; ++i) {
        const std::string number = std::to_string(i);
        answers.push_back({{"example", "e" + number},
                           {"origin", "clip" + number + ".wav"},
                           {"group", grouped ? "artist " + std::to_string(i / 10) : ""},
                           {"truth", "x"},
                           {"predicted", i / 10 == missed_artist ? "y" : "x"}});
    }
    return nlohmann::json{{"title", "by hand"}, {"answers", answers}}.dump();
}

std::string linear_target_csv() {
    std::mt19937 engine(5);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::ostringstream csv;
    csv << "id,y,x,unrelated\n";
    for (int i = 0; i < 300; ++i) {
        const double x = normal(engine);
        csv << i << "," << 2.0 * x + 0.5 * normal(engine) << "," << x << "," << normal(engine) << "\n";
    }
    return csv.str();
}

// Trains `plugin` on `dataset` (a YAML flow mapping's inside) and returns its held-out report.
std::filesystem::path trained_report(const std::filesystem::path& scratch, const std::string& name,
                                     const std::string& dataset, const std::string& plugin) {
    test::write_text(scratch / (name + ".yaml"),
                     "dataset: {" + dataset + "}\nnodes:\n  - {id: " + name + ", plugin: " + plugin +
                         ", params: {model: " + name + ".ubj, rounds: 10}, inputs: {features: track.features}}\n");
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
    const auto classifier = [&](const std::string& name, const std::string& column) {
        return trained_report(scratch.path(), name, "csv: data.csv, label: label, id: id, features: [" + column + "]",
                              "timbre.gbt_classifier");
    };
    const auto separating = classifier("by_level", "level");
    const auto guessing = classifier("by_noise", "noise");
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

    const auto itself =
        test::run_timbre({"compare-models", separating.string(), separating.string(), "--fail-if-worse"});
    CHECK(itself.exit_code == 0);
    CHECK_THAT(itself.output, Catch::Contains("p = 1 "));
    const auto better = test::run_timbre({"compare-models", guessing.string(), separating.string(), "--fail-if-worse"});
    CHECK(better.exit_code == 0);
    const auto worse = test::run_timbre({"compare-models", separating.string(), guessing.string(), "--fail-if-worse"});
    CHECK(worse.exit_code == 3);
    CHECK_THAT(worse.output, Catch::Contains("the second is worse than the first beyond chance"));

    test::write_text(scratch / "summary.json", "{\"title\": \"no answers\"}");
    const auto refused = test::run_timbre({"compare-models", (scratch / "summary.json").string(), separating.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.output, Catch::Contains("summary.json: no per-example answers"));
}

TEST_CASE("compare-models pairs two regressors' held-out estimates: sign test and the gain in R²", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", linear_target_csv());
    const auto regressor = [&](const std::string& name, const std::string& column) {
        return trained_report(scratch.path(), name, "csv: data.csv, target: y, id: id, features: [" + column + "]",
                              "timbre.gbt_regressor");
    };
    const auto following = regressor("by_x", "x");
    const auto guessing = regressor("by_unrelated", "unrelated");
    const auto report = nlohmann::json::parse(test::read_text(following));
    REQUIRE(report["answers"].size() == report["examples"].get<std::size_t>());
    CHECK(report["answers"][0]["truth"].is_number());

    const auto compared = test::run_timbre({"compare-models", guessing.string(), following.string()});
    INFO(compared.output);
    REQUIRE(compared.exit_code == 0);
    CHECK(test::printed_number(compared.output, "shared held-out examples") == report["examples"].get<double>());
    CHECK(test::printed_number(compared.output, "second r2") == Approx(report["r2"].get<double>()).margin(1e-4));
    CHECK(test::printed_number(compared.output, "first r2") < 0.2);
    CHECK(test::printed_number(compared.output, "second mae") < test::printed_number(compared.output, "first mae"));
    CHECK(test::printed_number(compared.output, "second closer") > 2 * test::printed_number(compared.output, "first closer"));
    CHECK(test::printed_number(compared.output, "r2 gain of the second") > 0.5);
    CHECK_THAT(compared.output, Catch::Contains("unlikely if the two were equally good"));

    const auto worse = test::run_timbre({"compare-models", following.string(), guessing.string(), "--fail-if-worse"});
    CHECK(worse.exit_code == 3);

    const auto itself = test::run_timbre({"compare-models", following.string(), following.string()});
    CHECK(test::printed_number(itself.output, "equally close") == report["examples"].get<double>());
    CHECK_THAT(itself.output, Catch::Contains("p = 1 "));

    test::write_text(scratch / "labels.csv", two_class_csv());
    const auto labelled = trained_report(scratch.path(), "by_label", "csv: labels.csv, label: label, id: id, "
                                         "features: [level]", "timbre.gbt_classifier");
    const auto refused = test::run_timbre({"compare-models", following.string(), labelled.string()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.output, Catch::Contains("by_x-report.json answers with numbers (a regressor's)") &&
                                   Catch::Contains("cannot be compared"));
}

TEST_CASE("answers that name their artists resample artists, in reports and in compare-models", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", grouped_csv());
    const auto grouped = trained_report(scratch.path(), "by_level",
                                        "csv: data.csv, label: label, id: id, group: artist, features: [level]",
                                        "timbre.gbt_classifier");
    const auto report = nlohmann::json::parse(test::read_text(grouped));
    CHECK(report["interval_groups"].get<std::size_t>() == report["examples"].get<std::size_t>() / 10);
    CHECK(report["answers"][0]["group"].get<std::string>().rfind("artist ", 0) == 0);
    CHECK_THAT(test::read_text(scratch / "by_level-report.md"), Catch::Contains("bootstrap over their 6 groups"));

    // One artist's ten tracks all missed: McNemar counts ten witnesses (p = 0.002), but a
    // bootstrap over four artists leaves that artist out of a third of its draws.
    test::write_text(scratch / "all.json", hand_report(-1, true));
    test::write_text(scratch / "one_missed.json", hand_report(0, true));
    const auto over_artists = test::run_timbre(
        {"compare-models", (scratch / "all.json").string(), (scratch / "one_missed.json").string(), "--fail-if-worse"});
    INFO(over_artists.output);
    CHECK_THAT(over_artists.output, Catch::Contains("p = 0.002") &&
                                        Catch::Contains("paired bootstrap over the 4 groups of the examples"));
    CHECK(over_artists.exit_code == 0);
    test::write_text(scratch / "all_alone.json", hand_report(-1, false));
    test::write_text(scratch / "one_missed_alone.json", hand_report(0, false));
    const auto alone = test::run_timbre({"compare-models", (scratch / "all_alone.json").string(),
                                         (scratch / "one_missed_alone.json").string(), "--fail-if-worse"});
    INFO(alone.output);
    CHECK_THAT(alone.output, Catch::Contains("paired bootstrap over the examples"));
    CHECK(alone.exit_code == 3);
}
