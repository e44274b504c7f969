// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic test signals with known answers: tones, chords, noise, silence.
#pragma once

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::test {

inline constexpr double kRate = 22050.0;

inline double midi_hz(double midi, double detune_cents = 0.0) {
    return 440.0 * std::pow(2.0, (midi - 69.0 + detune_cents / 100.0) / 12.0);
}

// Sum of sines (frequency Hz, amplitude) for `seconds`.
inline std::vector<float> tones(const std::vector<std::pair<double, double>>& partials, double seconds,
                                double rate = kRate) {
    std::vector<float> samples(static_cast<std::size_t>(seconds * rate));
    for (std::size_t n = 0; n < samples.size(); ++n) {
        double value = 0.0;
        for (const auto& [hz, amplitude] : partials) {
            value += amplitude * std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(n) / rate);
        }
        samples[n] = static_cast<float>(value);
    }
    return samples;
}

// A chord of MIDI notes, each with three harmonics.
inline std::vector<float> chord(const std::vector<int>& notes, double seconds, double detune_cents = 0.0) {
    std::vector<std::pair<double, double>> partials;
    for (int note : notes) {
        for (int harmonic = 1; harmonic <= 3; ++harmonic) {
            partials.emplace_back(midi_hz(note, detune_cents) * harmonic, 0.1 / harmonic);
        }
    }
    return tones(partials, seconds);
}

inline std::vector<float> white_noise(double seconds, double amplitude, unsigned seed = 1) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, static_cast<float>(amplitude));
    std::vector<float> samples(static_cast<std::size_t>(seconds * kRate));
    for (float& sample : samples) {
        sample = normal(generator);
    }
    return samples;
}

// Pink (1/f) noise by Paul Kellet's filter of white noise.
inline std::vector<float> pink_noise(double seconds, double amplitude) {
    auto white = white_noise(seconds, amplitude);
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    for (float& sample : white) {
        const double w = sample;
        b0 = 0.99886 * b0 + w * 0.0555179;
        b1 = 0.99332 * b1 + w * 0.0750759;
        b2 = 0.96900 * b2 + w * 0.1538520;
        b3 = 0.86650 * b3 + w * 0.3104856;
        b4 = 0.55000 * b4 + w * 0.5329522;
        b5 = -0.7616 * b5 - w * 0.0168980;
        sample = static_cast<float>((b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362) * 0.11);
        b6 = w * 0.115926;
    }
    return white;
}

}  // namespace timbre::test
