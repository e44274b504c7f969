// SPDX-License-Identifier: GPL-3.0-or-later
// Slaney scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above (27 mels per
// factor 6.4); HTK scale: 1127 ln(1 + f / 700 Hz) throughout. Filters are stored sparsely:
// each covers only the bins where it is non-zero.
#include "mel_filterbank.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

namespace {
constexpr double kLinearHzPerMel = 200.0 / 3.0;
constexpr double kBreakHz = 1000.0;
constexpr double kBreakMel = kBreakHz / kLinearHzPerMel;
const double kLogStep = std::log(6.4) / 27.0;
constexpr double kHtkMelPerLog = 1127.01048;
constexpr double kHtkCornerHz = 700.0;
}  // namespace

double hz_to_mel(double hz, MelScale scale) {
    if (scale == MelScale::htk) {
        return kHtkMelPerLog * std::log1p(hz / kHtkCornerHz);
    }
    return hz < kBreakHz ? hz / kLinearHzPerMel : kBreakMel + std::log(hz / kBreakHz) / kLogStep;
}

double mel_to_hz(double mel, MelScale scale) {
    if (scale == MelScale::htk) {
        return kHtkCornerHz * std::expm1(mel / kHtkMelPerLog);
    }
    return mel < kBreakMel ? mel * kLinearHzPerMel : kBreakHz * std::exp(kLogStep * (mel - kBreakMel));
}

MelFilterbank::MelFilterbank(std::size_t bands, std::size_t frame_size, double sample_rate_hz, double fmin_hz,
                             double fmax_hz, MelScale scale) {
    const std::size_t bins = frame_size / 2 + 1;
    const double mel_low = hz_to_mel(fmin_hz, scale);
    const double mel_high = hz_to_mel(fmax_hz, scale);
    std::vector<double> edges(bands + 2);
    for (std::size_t i = 0; i < edges.size(); ++i) {
        edges[i] = mel_to_hz(mel_low + (mel_high - mel_low) * i / (bands + 1), scale);
    }
    for (std::size_t b = 0; b < bands; ++b) {
        const double left = edges[b], centre = edges[b + 1], right = edges[b + 2];
        const double norm = 2.0 / (right - left);
        Filter filter;
        bool started = false;
        for (std::size_t k = 0; k < bins; ++k) {
            const double hz = k * sample_rate_hz / frame_size;
            const double rising = (hz - left) / (centre - left);
            const double falling = (right - hz) / (right - centre);
            const double weight = std::max(0.0, std::min(rising, falling)) * norm;
            if (weight > 0.0 && !started) {
                filter.first_bin = k;
                started = true;
            }
            if (started) {
                if (weight <= 0.0) {
                    break;
                }
                filter.weights.push_back(static_cast<float>(weight));
            }
        }
        filters_.push_back(std::move(filter));
    }
}

void MelFilterbank::apply(const float* power, float* mel) const {
    for (std::size_t b = 0; b < filters_.size(); ++b) {
        const Filter& filter = filters_[b];
        float sum = 0.0f;
        for (std::size_t i = 0; i < filter.weights.size(); ++i) {
            sum += filter.weights[i] * power[filter.first_bin + i];
        }
        mel[b] = sum;
    }
}

}  // namespace timbre::plugins
