// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.mfcc's DCT is orthonormal (a flat spectrum has all its energy in c0 = v * sqrt(N))
// and its deltas are exact slopes, including at the edges.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"

using namespace timbre;

TEST_CASE("mfcc of a flat log-mel spectrum is v*sqrt(N) in c0 and zero elsewhere", "[plugins][mfcc]") {
    test::BuiltinPlugin mfcc("timbre.mfcc", {{"coefficients", std::int64_t{13}}});
    const std::size_t frames = 20, bands = 40;
    const auto outputs = mfcc.run("mel", Frames(frames, bands, 0.01, std::vector<float>(frames * bands, -20.0f)));
    const auto& cepstrum = test::BuiltinPlugin::get<Frames>(outputs, "mfcc");
    REQUIRE(cepstrum.bin_count() == 13);
    CHECK(cepstrum.at(5, 0) == Approx(-20.0 * std::sqrt(40.0)).epsilon(1e-5));
    for (std::size_t k = 1; k < 13; ++k) {
        CHECK(cepstrum.at(5, k) == Approx(0.0).margin(1e-4));
    }
}

TEST_CASE("mfcc deltas of a linear ramp equal its slope in every frame, delta2 is zero", "[plugins][mfcc]") {
    test::BuiltinPlugin mfcc("timbre.mfcc", {{"coefficients", std::int64_t{4}}, {"delta_width", std::int64_t{5}}});
    const std::size_t frames = 12, bands = 8;
    std::vector<float> ramp(frames * bands);
    for (std::size_t f = 0; f < frames; ++f) {
        for (std::size_t b = 0; b < bands; ++b) {
            ramp[f * bands + b] = 0.5f * static_cast<float>(f);
        }
    }
    const auto outputs = mfcc.run("mel", Frames(frames, bands, 0.01, std::move(ramp)));
    const auto& delta = test::BuiltinPlugin::get<Frames>(outputs, "delta");
    const auto& delta2 = test::BuiltinPlugin::get<Frames>(outputs, "delta2");
    const double c0_slope = 0.5 * std::sqrt(8.0);
    for (std::size_t f = 0; f < frames; ++f) {
        CHECK(delta.at(f, 0) == Approx(c0_slope).epsilon(1e-5));
        CHECK(delta2.at(f, 0) == Approx(0.0).margin(1e-5));
    }
}

TEST_CASE("mfcc refuses more coefficients than mel bands, naming both", "[plugins][mfcc]") {
    test::BuiltinPlugin mfcc("timbre.mfcc", {{"coefficients", std::int64_t{20}}});
    CHECK_THROWS_WITH(mfcc.run("mel", Frames(3, 10, 0.01, std::vector<float>(30))),
                      Catch::Contains("20 coefficients") && Catch::Contains("10 mel bands"));
}
