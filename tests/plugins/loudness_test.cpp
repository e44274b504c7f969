// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.loudness against the EBU Tech 3341 reference case (a 1 kHz stereo sine at -23 dBFS
// reads -23.0 LUFS), and why it measures the original channels rather than a downmix.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"
#include "support/signals.hpp"

using namespace timbre;

namespace {
double measure(const std::string& output, std::vector<std::vector<float>> channels) {
    test::BuiltinPlugin loudness("timbre.loudness");
    const auto outputs = loudness.run("source", MultichannelAudio(std::move(channels), 48000.0));
    return test::BuiltinPlugin::get<Scalar>(outputs, output).value;
}
}  // namespace

TEST_CASE("a stereo 1 kHz sine at -23 dBFS measures -23.0 LUFS (EBU Tech 3341 case 1)", "[plugins][loudness]") {
    const double amplitude = std::pow(10.0, -23.0 / 20.0);
    const auto sine = test::tones({{1000.0, amplitude}}, 20.0, 48000.0);
    CHECK(measure("integrated", {sine, sine}) == Approx(-23.0).margin(0.1));
    CHECK(measure("true_peak", {sine, sine}) == Approx(-23.0).margin(0.2));
    CHECK(measure("sample_peak", {sine, sine}) == Approx(-23.0).margin(0.05));
}

TEST_CASE("one channel of that stereo sine alone measures 3 dB lower", "[plugins][loudness]") {
    const double amplitude = std::pow(10.0, -23.0 / 20.0);
    const auto sine = test::tones({{1000.0, amplitude}}, 20.0, 48000.0);
    CHECK(measure("integrated", {sine}) == Approx(-26.0).margin(0.1));
}

TEST_CASE("silence has no integrated loudness (NaN, stored as null)", "[plugins][loudness]") {
    const std::vector<float> silence(48000 * 5, 0.0f);
    CHECK(std::isnan(measure("integrated", {silence, silence})));
}
