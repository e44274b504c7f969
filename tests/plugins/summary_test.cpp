// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.summary computes NumPy's statistics: population std and linearly interpolated
// percentiles (numpy.percentile's default), named after the input's bins.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"

using namespace timbre;

TEST_CASE("summary statistics of 1..10 match NumPy's definitions", "[plugins][summary]") {
    test::BuiltinPlugin summary("timbre.summary", {{"deltas", true}});
    std::vector<float> values;
    for (int i = 1; i <= 10; ++i) {
        values.push_back(static_cast<float>(i));
    }
    const auto outputs = summary.run("frames", Frames(10, 1, 0.1, values, {"x"}));
    const auto& stats = test::BuiltinPlugin::get<Vector>(outputs, "stats");
    std::map<std::string, double> named;
    for (std::size_t i = 0; i < stats.size(); ++i) {
        named[stats.names()[i]] = stats.values()[i];
    }
    CHECK(named.at("x_mean") == Approx(5.5));
    CHECK(named.at("x_std") == Approx(2.8722813232690143));  // numpy.std(range(1, 11))
    CHECK(named.at("x_min") == 1.0);
    CHECK(named.at("x_max") == 10.0);
    CHECK(named.at("x_p10") == Approx(1.9));  // numpy.percentile(range(1, 11), 10)
    CHECK(named.at("x_p50") == Approx(5.5));
    CHECK(named.at("x_p90") == Approx(9.1));
    CHECK(named.at("x_dmean") == Approx(1.0));
    CHECK(named.at("x_dstd") == Approx(0.0).margin(1e-12));
    CHECK(stats.size() == 9);
}

TEST_CASE("summary names unnamed bins bin0.. and refuses an empty input", "[plugins][summary]") {
    test::BuiltinPlugin summary("timbre.summary", {{"percentiles", false}});
    const auto outputs = summary.run("frames", Frames(2, 2, 0.1, {1, 2, 3, 4}));
    const auto& stats = test::BuiltinPlugin::get<Vector>(outputs, "stats");
    CHECK(stats.names().front() == "bin0_mean");
    CHECK(stats.size() == 8);
    CHECK_THROWS_WITH(summary.run("frames", Frames(0, 2, 0.1, {})), Catch::Contains("too few frames"));
}
