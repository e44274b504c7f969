// SPDX-License-Identifier: GPL-3.0-or-later
// The exact intervals and binomial tails are the values R's binom.test and SciPy's
// binomtest(...).proportion_ci(method="exact") print for the same counts; the bootstrap is
// checked against the normal approximation where that is good (a mean of 400 values), and for
// being reproducible, since reports must not change between two runs of one command; over
// groups, for widening as the groups are few and never below the exact interval.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
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
    const auto interval = mean_interval(outcomes, ResamplingUnits::each_example(outcomes.size()));
    const double half_width = 1.959964 * std::sqrt(0.7 * 0.3 / 400.0);
    CHECK(interval.low == Approx(0.7 - half_width).margin(0.01));
    CHECK(interval.high == Approx(0.7 + half_width).margin(0.01));
    const auto again = mean_interval(outcomes, ResamplingUnits::each_example(outcomes.size()));
    CHECK(again.low == interval.low);
    CHECK(again.high == interval.high);
}

TEST_CASE("a bootstrap leaves out resamples where the figure is undefined, and needs one where it is not", "[ml]") {
    const auto five = ResamplingUnits::each_example(5), three = ResamplingUnits::each_example(3);
    const auto constant = bootstrap_interval(five, [](std::span<const std::size_t>) { return 0.25; });
    CHECK(constant.low == 0.25);
    CHECK(constant.high == 0.25);
    const auto first_only = bootstrap_interval(three, [](std::span<const std::size_t> sample) {
        return sample[0] == 0 ? 1.0 : std::numeric_limits<double>::quiet_NaN();
    });
    CHECK(first_only.low == 1.0);
    CHECK_THROWS(bootstrap_interval(three, [](std::span<const std::size_t>) { return std::nan(""); }));
    const auto none = ResamplingUnits::each_example(0);
    CHECK_THROWS(bootstrap_interval(none, [](std::span<const std::size_t>) { return 0.0; }));
}

TEST_CASE("groups are drawn whole, and examples alone in theirs resample as each example does", "[ml]") {
    const std::vector<std::string> groups{"a", "a", "b", "", "c", "b"};
    const auto units = ResamplingUnits::by_group(groups);
    CHECK(units.examples() == 6);
    CHECK(units.units() == std::vector<std::vector<std::size_t>>{{0, 1}, {2, 5}, {3}, {4}});
    CHECK(units.grouped());
    CHECK(units.groups() == 4);
    const std::vector<std::string> distinct{"p", "q", "", "r", "s"};
    CHECK_FALSE(ResamplingUnits::by_group(distinct).grouped());
    CHECK(ResamplingUnits::by_group(distinct).groups() == 0);
    const std::vector<double> values{0.1, 0.9, 0.4, 0.7, 0.2};
    const auto alone = mean_interval(values, ResamplingUnits::each_example(5));
    const auto distinct_groups = mean_interval(values, ResamplingUnits::by_group(distinct));
    CHECK(distinct_groups.low == alone.low);
    CHECK(distinct_groups.high == alone.high);
}

TEST_CASE("a share over groups that are right or wrong together is as uncertain as the groups are few", "[ml]") {
    // 10 artists of 10 tracks each: a model right on every track of 7 artists, wrong on 3.
    std::vector<bool> right;
    std::vector<std::string> artists;
    for (int artist = 0; artist < 10; ++artist) {
        for (int track = 0; track < 10; ++track) {
            right.push_back(artist < 7);
            artists.push_back(std::string("artist ").append(std::to_string(artist)));
        }
    }
    const auto alone = share_interval(right, ResamplingUnits::each_example(100));
    CHECK(alone.low == Approx(exact_share_interval(70, 100).low));
    const auto grouped = share_interval(right, ResamplingUnits::by_group(artists));
    // As uncertain as 7 of 10 (exact 0.35–0.93); a bootstrap over 10 groups gives about 0.4–1.0.
    CHECK(grouped.low < 0.5);
    CHECK(grouped.high > 0.9);
    // Never narrower than the exact interval: every group right, where the bootstrap sees only 1.
    const std::vector<bool> all_right(20, true);
    const std::vector<std::string> pairs{"a", "a", "b", "b", "c", "c", "d", "d", "e", "e",
                                         "f", "f", "g", "g", "h", "h", "i", "i", "j", "j"};
    const auto perfect = share_interval(all_right, ResamplingUnits::by_group(pairs));
    CHECK(perfect.low == Approx(exact_share_interval(20, 20).low));
    CHECK(perfect.high == 1.0);
}
