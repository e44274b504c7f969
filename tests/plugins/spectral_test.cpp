// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.spectral on signals whose answers are known analytically: tones, white and pink
// noise, silence, DC and clipping.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"
#include "support/signals.hpp"

using namespace timbre;

namespace {
// Mean of one named feature over the frames away from the edges.
double mean_feature(const std::vector<float>& samples, const std::string& name) {
    test::BuiltinPlugin spectral("timbre.spectral");
    const auto outputs = spectral.run("audio", Audio(samples, test::kRate));
    const auto& frames = test::BuiltinPlugin::get<Frames>(outputs, "features");
    const auto& names = frames.bin_names();
    const auto bin = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    REQUIRE(bin < names.size());
    double sum = 0.0;
    std::size_t count = 0;
    for (std::size_t f = 4; f + 4 < frames.frame_count(); ++f) {
        sum += frames.at(f, bin);
        ++count;
    }
    return sum / static_cast<double>(count);
}
}  // namespace

TEST_CASE("the spectral centroid of a 1 kHz sine is 1 kHz within 1%", "[plugins][spectral]") {
    CHECK(mean_feature(test::tones({{1000.0, 0.5}}, 2.0), "centroid_hz") == Approx(1000.0).epsilon(0.01));
}

TEST_CASE("RMS of a sine is its amplitude over sqrt(2), its zero-crossing rate 2f/rate", "[plugins][spectral]") {
    const auto sine = test::tones({{1000.0, 0.5}}, 2.0);
    CHECK(mean_feature(sine, "rms") == Approx(0.5 / std::sqrt(2.0)).epsilon(0.01));
    CHECK(mean_feature(sine, "zcr") == Approx(2.0 * 1000.0 / test::kRate).epsilon(0.02));
}

TEST_CASE("flatness: white noise is flat, pink noise less, a pure tone almost not at all", "[plugins][spectral]") {
    const double white = mean_feature(test::white_noise(3.0, 0.3), "flatness");
    const double pink = mean_feature(test::pink_noise(3.0, 0.3), "flatness");
    const double tone = mean_feature(test::tones({{440.0, 0.5}}, 3.0), "flatness");
    CHECK(white > 0.5);  // exp(-Euler's gamma) = 0.56 for a periodogram of white noise
    CHECK(white < 0.65);
    CHECK(pink < white / 2);
    CHECK(tone < 1e-3);
    CHECK(mean_feature(test::white_noise(3.0, 0.3), "rolloff_hz") == Approx(0.85 * test::kRate / 2).epsilon(0.03));
}

TEST_CASE("silence has zero centroid, RMS and zero-crossing rate", "[plugins][spectral]") {
    const std::vector<float> silence(static_cast<std::size_t>(test::kRate), 0.0f);
    CHECK(mean_feature(silence, "centroid_hz") == 0.0);
    CHECK(mean_feature(silence, "rms") == 0.0);
    CHECK(mean_feature(silence, "zcr") == 0.0);
}

TEST_CASE("a DC offset never crosses zero and sits at the bottom of the spectrum", "[plugins][spectral]") {
    const std::vector<float> dc(static_cast<std::size_t>(test::kRate), 0.25f);
    CHECK(mean_feature(dc, "zcr") == 0.0);
    CHECK(mean_feature(dc, "centroid_hz") < 20.0);
    CHECK(mean_feature(dc, "rms") == Approx(0.25));
}

TEST_CASE("clipping a sine adds harmonics: higher centroid, RMS near full scale", "[plugins][spectral]") {
    auto clipped = test::tones({{440.0, 4.0}}, 2.0);
    for (float& sample : clipped) {
        sample = std::clamp(sample, -1.0f, 1.0f);
    }
    const double clean = mean_feature(test::tones({{440.0, 0.9}}, 2.0), "centroid_hz");
    CHECK(mean_feature(clipped, "centroid_hz") > 1.3 * clean);
    CHECK(mean_feature(clipped, "rms") > 0.9);
}
