// SPDX-License-Identifier: GPL-3.0-or-later
// A regression score is a finite number or an error that says why it cannot be one; the
// baseline of predicting the training mean scores at most 0.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "ml/regression_report.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

TEST_CASE("R² of perfect, mean and shifted predictions, with the failed examples counted", "[ml]") {
    const std::vector<double> truth{1.0, 2.0, 3.0, 4.0};
    const auto perfect = score_regression(truth, truth, 2, ResamplingUnits::each_example(truth.size()));
    CHECK(perfect.r2 == Approx(1.0));
    CHECK(perfect.examples == 6);
    CHECK(perfect.failed == 2);
    REQUIRE(perfect.answers.size() == 4);
    CHECK(perfect.answers[2].truth == 3.0);
    CHECK(perfect.answers[2].example.key.empty());
    const auto mean = score_regression(truth, {2.5, 2.5, 2.5, 2.5}, 0, ResamplingUnits::each_example(truth.size()));
    CHECK(mean.r2 == Approx(0.0));
    auto report = score_regression(truth, {1.5, 2.5, 3.5, 4.5}, 0, ResamplingUnits::each_example(truth.size()));
    set_baseline(report, 2.5);
    CHECK(report.mean_baseline_r2 == Approx(0.0));
    CHECK(report.answers[3].predicted == 4.5);
    set_baseline(report, 3.5);
    CHECK(report.mean_baseline_r2 == Approx(-0.8));  // offset 1 over a target variance of 1.25
}

TEST_CASE("R² and Pearson r carry bootstrap intervals around them", "[ml]") {
    std::vector<double> truth, predicted;
    for (int i = 0; i < 60; ++i) {
        truth.push_back(i % 10);
        predicted.push_back(i % 10 + (i % 3 == 0 ? 2.0 : -1.0));
    }
    const auto report = score_regression(truth, predicted, 0, ResamplingUnits::each_example(truth.size()));
    CHECK(report.r2_interval.low < report.r2);
    CHECK(report.r2_interval.high > report.r2);
    CHECK(report.r2_interval.high < 1.0);
    CHECK(report.pearson_interval.low < report.pearson);
    CHECK(report.pearson_interval.high > report.pearson);
    const auto perfect = score_regression(truth, truth, 0, ResamplingUnits::each_example(truth.size()));
    CHECK(perfect.r2_interval.low == Approx(1.0));
}

TEST_CASE("a prediction or target that is not finite, or targets without variance, are errors, not scores", "[ml]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const auto three = ResamplingUnits::each_example(3);
    CHECK_THROWS_WITH(score_regression({1.0, 2.0, 3.0}, {1.0, nan, 3.0}, 0, three),
                      Catch::Contains("not a finite number"));
    CHECK_THROWS_WITH(score_regression({1.0, inf, 3.0}, {1.0, 2.0, 3.0}, 0, three),
                      Catch::Contains("not a finite number"));
    CHECK_THROWS_WITH(score_regression({2.0, 2.0, 2.0}, {1.0, 2.0, 3.0}, 0, three), Catch::Contains("all equal"));
    CHECK_THROWS_WITH(score_regression({1.0, 2.0}, {1.0, 2.0}, 0, three), Catch::Contains("resampling units"));
    CHECK_THROWS_WITH(score_regression({1.0}, {1.0}, 5, ResamplingUnits::each_example(1)),
                      Catch::Contains("at least two"));
}
