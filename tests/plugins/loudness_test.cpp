// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.loudness against the EBU Tech 3341 reference case (a 1 kHz stereo sine at -23 dBFS
// reads -23.0 LUFS), why it measures the original channels rather than a downmix, and its
// BS.1770 meter against libebur128 across sample rates and channel layouts.
#include <ebur128.h>

#include <catch2/catch.hpp>
#include <cmath>

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

namespace {
// Noise whose level steps every 2.5 s through loud, quiet, gated-out and silent sections
// (so both gates and the range percentiles have work to do), with a 60 Hz and a 9 kHz tone
// for the two K-weighting stages. Each channel gets its own noise.
std::vector<std::vector<float>> stepped_levels(std::size_t channel_count, double sample_rate_hz) {
    const std::vector<double> levels_db = {-12, -20, -35, -50, -75, -200, -18, -28, -8, -40, -22, -60};
    const double section_seconds = 2.5;
    std::vector<std::vector<float>> channels;
    for (std::size_t c = 0; c < channel_count; ++c) {
        const auto noise = test::white_noise(section_seconds * static_cast<double>(levels_db.size()) *
                                                 sample_rate_hz / test::kRate,
                                             1.0, static_cast<unsigned>(c + 7));
        std::vector<float> channel(noise.size());
        for (std::size_t n = 0; n < noise.size(); ++n) {
            const double t = static_cast<double>(n) / sample_rate_hz;
            const double gain = std::pow(10.0, levels_db[std::min(levels_db.size() - 1,
                                                                  static_cast<std::size_t>(t / section_seconds))] / 20.0);
            const double tones = 0.3 * std::sin(2 * M_PI * 60.0 * t) + 0.2 * std::sin(2 * M_PI * 9000.0 * t + c);
            channel[n] = static_cast<float>(gain * (0.5 * noise[n] + tones));
        }
        channels.push_back(std::move(channel));
    }
    return channels;
}

struct Ebur128Figures {
    double integrated, range, sample_peak_db;
};

Ebur128Figures libebur128_figures(const std::vector<std::vector<float>>& channels, double sample_rate_hz) {
    const auto count = static_cast<unsigned>(channels.size());
    ebur128_state* state = ebur128_init(count, static_cast<unsigned long>(sample_rate_hz),
                                        EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_SAMPLE_PEAK);
    std::vector<float> interleaved(channels[0].size() * count);
    for (std::size_t n = 0; n < channels[0].size(); ++n) {
        for (unsigned c = 0; c < count; ++c) {
            interleaved[n * count + c] = channels[c][n];
        }
    }
    ebur128_add_frames_float(state, interleaved.data(), channels[0].size());
    Ebur128Figures figures{};
    ebur128_loudness_global(state, &figures.integrated);
    ebur128_loudness_range(state, &figures.range);
    double peak = 0.0;
    for (unsigned c = 0; c < count; ++c) {
        double channel_peak = 0.0;
        ebur128_sample_peak(state, c, &channel_peak);
        peak = std::max(peak, channel_peak);
    }
    figures.sample_peak_db = 20.0 * std::log10(peak);
    ebur128_destroy(&state);
    return figures;
}
}  // namespace

TEST_CASE("integrated loudness, range and sample peak agree with libebur128 within 0.001 LU", "[plugins][loudness]") {
    const auto [channel_count, sample_rate_hz] = GENERATE(table<std::size_t, double>(
        {{1, 48000.0}, {2, 44100.0}, {2, 22050.0}, {2, 96000.0}, {2, 11025.0}, {5, 48000.0}, {6, 44100.0}}));
    CAPTURE(channel_count, sample_rate_hz);
    const auto channels = stepped_levels(channel_count, sample_rate_hz);
    const auto reference = libebur128_figures(channels, sample_rate_hz);
    REQUIRE(reference.range > 5.0);
    test::BuiltinPlugin loudness("timbre.loudness", {{"true_peak", false}});
    const auto outputs = loudness.run("source", MultichannelAudio(channels, sample_rate_hz));
    CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "integrated").value == Approx(reference.integrated).margin(0.001));
    CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "range").value == Approx(reference.range).margin(0.001));
    CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "sample_peak").value ==
          Approx(reference.sample_peak_db).margin(1e-6));
}
