// SPDX-License-Identifier: GPL-3.0-or-later
// The SDK's spectral front end on its own (the extractors test it only through their
// outputs): frames centred on multiples of the hop, a periodic Hann window and FFTW's
// unscaled transform (Parseval's sum over the half spectrum equals N times the windowed
// frame's energy), a sine's power in its bin, and compute() equal to for_each_frame().
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <random>

#include "timbre/dsp/spectrogram.hpp"

using namespace timbre;

TEST_CASE("the power spectrogram frames on the hop, windows with a periodic Hann and keeps Parseval's sum",
          "[sdk][dsp]") {
    constexpr std::size_t n = 512, hop = 128;
    std::mt19937 engine(7);
    std::normal_distribution<float> noise;
    std::vector<float> samples(4000);
    for (auto& sample : samples) {
        sample = noise(engine);
    }
    const Audio audio(samples, 8000.0);
    const dsp::PowerSpectrogram spectrogram(n, hop);
    const Frames frames = spectrogram.compute(audio);
    CHECK(frames.frame_count() == 1 + samples.size() / hop);
    CHECK(frames.bin_count() == n / 2 + 1);
    CHECK(frames.hop_seconds() == Approx(hop / 8000.0));

    const std::size_t f = 10;  // centred on sample 1280: the whole frame lies inside the signal
    double windowed_energy = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double window = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) / n);
        const double x = samples[f * hop - n / 2 + i] * window;
        windowed_energy += x * x;
    }
    double spectrum_sum = frames.at(f, 0) + frames.at(f, n / 2);
    for (std::size_t k = 1; k < n / 2; ++k) {
        spectrum_sum += 2.0 * frames.at(f, k);
    }
    CHECK(spectrum_sum == Approx(n * windowed_energy).epsilon(1e-4));

    std::size_t visited = 0;
    spectrogram.for_each_frame(audio, [&](std::size_t frame, const float* power) {
        for (std::size_t k = 0; k < frames.bin_count(); ++k) {
            REQUIRE(power[k] == frames.at(frame, k));
        }
        ++visited;
    });
    CHECK(visited == frames.frame_count());
}

TEST_CASE("a sine's power lies in its bin", "[sdk][dsp]") {
    constexpr std::size_t n = 1024;
    constexpr double rate = 16000.0, bin = 64;  // 1,000 Hz
    std::vector<float> samples(8000);
    for (std::size_t i = 0; i < samples.size(); ++i) {
        samples[i] = static_cast<float>(std::sin(2.0 * std::numbers::pi * bin * rate / n * i / rate));
    }
    const Frames frames = dsp::PowerSpectrogram(n, 256).compute(Audio(samples, rate));
    const std::size_t f = frames.frame_count() / 2;
    std::size_t peak = 0;
    for (std::size_t k = 1; k < frames.bin_count(); ++k) {
        peak = frames.at(f, k) > frames.at(f, peak) ? k : peak;
    }
    CHECK(peak == 64);
    // A Hann window spreads a bin-centred sine over its bin and the two beside it, at half the
    // amplitude: a quarter of the power.
    CHECK(frames.at(f, 63) / frames.at(f, 64) == Approx(0.25).epsilon(1e-3));
    CHECK(frames.at(f, 65) / frames.at(f, 64) == Approx(0.25).epsilon(1e-3));
    CHECK(frames.at(f, 70) / frames.at(f, 64) < 1e-6);
}
