// SPDX-License-Identifier: GPL-3.0-or-later
// The exact intervals and binomial tails are the values R's binom.test and SciPy's
// binomtest(...).proportion_ci(method="exact") print for the same counts; the bootstrap is
// checked against the normal approximation where that is good (a mean of 400 values), and for
// being reproducible, since reports must not change between two runs of one command.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "ml/confidence_interval.hpp"

using namespace timbre::host;

TEST_CASE("a share's exact interval is the Clopper-Pearson interval R and SciPy print", "[ml]") {
    struct Case {
        std::size_t successes, trials;
        double low, high;
    };
    for (const Case& c : {Case{7, 10, 0.3475471499399921, 0.9332604888222655}, Case{0, 10, 0.0, 0.30849710781876294},
                          Case{10, 10, 0.6915028921812371, 1.0}, Case{83, 100, 0.7418245893678491, 0.8977350899644719},
                          Case{44, 64, 0.5594056331829736, 0.79757852741987}, Case{0, 1, 0.0, 0.975}}) {
        INFO(c.successes << " of " << c.trials);
        const auto interval = exact_share_interval(c.successes, c.trials);
        CHECK(interval.low == Approx(c.low).margin(1e-9));
        CHECK(interval.high == Approx(c.high).margin(1e-9));
    }
    CHECK_THROWS(exact_share_interval(3, 2));
    CHECK_THROWS(exact_share_interval(0, 0));
}

TEST_CASE("the chance of a score at a baseline's rate is the binomial tail", "[ml]") {
    CHECK(chance_of_at_least(5, 10, 0.5) == Approx(638.0 / 1024.0));
    CHECK(chance_of_at_least(44, 64, 0.25) == Approx(2.355150022308336e-13).epsilon(1e-6));
    CHECK(chance_of_at_least(0, 10, 0.9) == 1.0);
    CHECK(chance_of_at_least(1, 10, 0.0) == 0.0);
    CHECK(p_value_text(0.0327935) == "p = 0.033");
    CHECK(p_value_text(chance_of_at_least(3000, 4000, 0.2)) == "p < 1e-300");
}

TEST_CASE("a bootstrap interval of a mean agrees with the normal approximation and is reproducible", "[ml]") {
    std::vector<double> outcomes(400, 0.0);
    std::fill(outcomes.begin(), outcomes.begin() + 280, 1.0);
    const auto interval = mean_interval(outcomes);
    const double half_width = 1.959964 * std::sqrt(0.7 * 0.3 / 400.0);
    CHECK(interval.low == Approx(0.7 - half_width).margin(0.01));
    CHECK(interval.high == Approx(0.7 + half_width).margin(0.01));
    const auto again = mean_interval(outcomes);
    CHECK(again.low == interval.low);
    CHECK(again.high == interval.high);
}

TEST_CASE("a bootstrap leaves out resamples where the figure is undefined, and needs one where it is not", "[ml]") {
    const auto constant = bootstrap_interval(5, [](std::span<const std::size_t>) { return 0.25; });
    CHECK(constant.low == 0.25);
    CHECK(constant.high == 0.25);
    const auto first_only = bootstrap_interval(3, [](std::span<const std::size_t> sample) {
        return sample[0] == 0 ? 1.0 : std::numeric_limits<double>::quiet_NaN();
    });
    CHECK(first_only.low == 1.0);
    CHECK_THROWS(bootstrap_interval(3, [](std::span<const std::size_t>) { return std::nan(""); }));
    CHECK_THROWS(bootstrap_interval(0, [](std::span<const std::size_t>) { return 0.0; }));
}
