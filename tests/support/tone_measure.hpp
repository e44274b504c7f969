// SPDX-License-Identifier: GPL-3.0-or-later
// Measures a sinusoid's amplitude in a signal by projecting onto it (a single-bin DFT) over
// a whole number of periods, so a test can state "the 1 kHz tone is within 0.1 dB".
#pragma once

#include <cmath>
#include <complex>
#include <numbers>
#include <vector>

namespace timbre::test {

// Amplitude of the `frequency_hz` component of samples[start, start + length).
inline double tone_amplitude(const std::vector<float>& samples, double rate_hz, double frequency_hz, std::size_t start,
                             std::size_t length) {
    std::complex<double> sum{0.0, 0.0};
    for (std::size_t n = 0; n < length; ++n) {
        const double phase = 2.0 * std::numbers::pi * frequency_hz * static_cast<double>(n) / rate_hz;
        sum += static_cast<double>(samples[start + n]) * std::complex<double>(std::cos(phase), -std::sin(phase));
    }
    return 2.0 * std::abs(sum) / static_cast<double>(length);
}

inline double decibels(double ratio) { return 20.0 * std::log10(ratio); }

}  // namespace timbre::test
