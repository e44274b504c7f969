// SPDX-License-Identifier: GPL-3.0-or-later
// The calibration error is 0 for answers right exactly as often as their probability says,
// large for an overconfident classifier, and the bins hold what fell in them.
#include <catch2/catch.hpp>

#include "ml/calibration.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

TEST_CASE("answers right as often as their probability says have no calibration error, and overconfident ones do",
          "[ml]") {
    // 10 answers at 0.9, 9 right; 10 at 0.6, 6 right: calibrated.
    std::vector<double> confidence(10, 0.9);
    confidence.insert(confidence.end(), 10, 0.6);
    std::vector<bool> correct{true, true, true, true, true, true, true, true, true, false,
                              true, true, true, true, true, true, false, false, false, false};
    const Calibration calibrated = measure_calibration(confidence, correct);
    CHECK(calibrated.expected_error == Approx(0.0).margin(1e-12));
    REQUIRE(calibrated.bins.size() == 2);
    CHECK(calibrated.bins[0].low == Approx(0.6));
    CHECK(calibrated.bins[0].examples == 10);
    CHECK(calibrated.bins[1].accuracy == Approx(0.9));

    // Always 0.95 sure, right half the time: a gap of 0.45.
    std::vector<bool> half(20, false);
    for (std::size_t i = 0; i < half.size(); i += 2) {
        half[i] = true;
    }
    const Calibration overconfident = measure_calibration(std::vector<double>(20, 0.95), half);
    CHECK(overconfident.expected_error == Approx(0.45));
    CHECK(measure_calibration({1.0}, {true}).bins.back().high == Approx(1.0));  // 1 falls in the last bin
    CHECK_THROWS_WITH(measure_calibration({1.5}, {true}), Catch::Contains("not a probability"));
    CHECK_THROWS_AS(measure_calibration({}, {}), timbre::Error);
}
