// SPDX-License-Identifier: GPL-3.0-or-later
// A regressor trains and is scored end to end: a target that is a noisy linear function of
// one feature (and independent of another) must be learned to R² well above 0, and the
// held-out scores must be the same when `evaluate` re-reads the model; cross-validation on
// the training part reports R² and Pearson r per fold, averaged.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

TEST_CASE("train and evaluate a regressor: R², Pearson r, MAE and RMSE on held-out rows", "[cli][ml]") {
    test::ScratchDirectory scratch;
    std::mt19937 engine(5);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::ostringstream csv;
    csv << "x,unrelated,y\n";
    for (int i = 0; i < 300; ++i) {
        const double x = normal(engine);
        csv << x << "," << normal(engine) << "," << 2.0 * x + 0.5 * normal(engine) << "\n";
    }
    test::write_text(scratch / "data.csv", csv.str());
    test::write_text(scratch / "regress.yaml",
                     "dataset: {csv: data.csv, target: y, features: [x, unrelated]}\n"
                     "nodes:\n  - {id: y, plugin: timbre.gbt_regressor, params: {model: y.ubj, rounds: 100, max_depth: 2, "
                     "learning_rate: 0.1}, inputs: {features: track.features}}\n");
    const auto trained = test::run_timbre({"train", (scratch / "regress.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK(test::printed_number(trained.output, "r2") > 0.8);
    CHECK(test::printed_number(trained.output, "pearson") > 0.9);
    CHECK(test::printed_number(trained.output, "mae") < 0.7);
    CHECK(std::filesystem::exists(scratch / "y.report.json"));

    const auto evaluated = test::run_timbre({"evaluate", (scratch / "regress.yaml").string()});
    INFO(evaluated.output);
    CHECK(evaluated.exit_code == 0);
    CHECK(test::printed_number(evaluated.output, "r2") == test::printed_number(trained.output, "r2"));

    const auto folds = test::run_timbre({"train", (scratch / "regress.yaml").string(), "--folds", "3"});
    INFO(folds.output);
    REQUIRE(folds.exit_code == 0);
    const auto at = folds.output.find("3-fold cross-validation on the training part: r2 ");
    REQUIRE(at != std::string::npos);
    const double cross_validated_r2 = std::stod(folds.output.substr(at + 49));
    CHECK(cross_validated_r2 > 0.8);
    CHECK(cross_validated_r2 < 1.0);
    CHECK_THAT(folds.output, Catch::Contains(", pearson "));
}
