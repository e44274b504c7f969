// SPDX-License-Identifier: GPL-3.0-or-later
// Peaks are local maxima of a frame's power above 1/100 of the frame's maximum; their
// deviation is read in cents, mapped onto a circle (one semitone = one turn) and averaged
// with power weights, so +49 and -49 cents do not average to 0.
#include "chroma_map.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace timbre::plugins {

namespace {
double midi_of(double hz, double tuning_cents) { return 69.0 + 12.0 * std::log2(hz / 440.0) - tuning_cents / 100.0; }
}  // namespace

TuningEstimate::TuningEstimate(double sample_rate_hz, std::size_t frame_size, double fmin_hz, double fmax_hz)
    : sample_rate_hz_(sample_rate_hz), frame_size_(frame_size),
      low_(std::max<std::size_t>(1, static_cast<std::size_t>(fmin_hz * frame_size / sample_rate_hz))),
      high_(std::min(frame_size / 2 - 1, static_cast<std::size_t>(fmax_hz * frame_size / sample_rate_hz))) {}

void TuningEstimate::add_frame(const float* row) {
    const float loudest = *std::max_element(row + low_, row + high_ + 1);
    if (loudest <= 0.0f) {
        return;
    }
    for (std::size_t k = low_; k <= high_; ++k) {
        if (row[k] < loudest * 0.01f || row[k] < row[k - 1] || row[k] < row[k + 1]) {
            continue;
        }
        // Parabolic interpolation of the peak on the log-power spectrum.
        const double a = std::log(row[k - 1] + 1e-20), b = std::log(row[k] + 1e-20), c = std::log(row[k + 1] + 1e-20);
        const double curvature = a - 2 * b + c;
        const double offset = curvature < 0 ? std::clamp(0.5 * (a - c) / curvature, -0.5, 0.5) : 0.0;
        const double hz = (static_cast<double>(k) + offset) * sample_rate_hz_ / frame_size_;
        const double deviation = midi_of(hz, 0.0) - std::round(midi_of(hz, 0.0));  // semitones, [-0.5, 0.5]
        const double angle = 2.0 * std::numbers::pi * deviation;
        x_ += row[k] * std::cos(angle);
        y_ += row[k] * std::sin(angle);
    }
}

double TuningEstimate::cents() const {
    if (x_ == 0.0 && y_ == 0.0) {
        return 0.0;
    }
    const double cents = 100.0 * std::atan2(y_, x_) / (2.0 * std::numbers::pi);
    return cents >= 50.0 ? cents - 100.0 : cents;
}

ChromaMap::ChromaMap(std::size_t frame_size, double sample_rate_hz, double fmin_hz, double fmax_hz, double tuning_cents) {
    first_bin_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(fmin_hz * frame_size / sample_rate_hz)));
    const auto last_bin = std::min(frame_size / 2, static_cast<std::size_t>(fmax_hz * frame_size / sample_rate_hz));
    for (std::size_t k = first_bin_; k <= last_bin; ++k) {
        const double midi = midi_of(k * sample_rate_hz / frame_size, tuning_cents);
        const auto nearest = static_cast<long>(std::lround(midi));
        pitch_class_.push_back(static_cast<int>(((nearest % 12) + 12) % 12));
    }
}

void ChromaMap::apply(const float* power, std::size_t power_first_bin, float* chroma) const {
    std::fill(chroma, chroma + 12, 0.0f);
    const float* first = power + (first_bin_ - power_first_bin);
    for (std::size_t i = 0; i < pitch_class_.size(); ++i) {
        chroma[pitch_class_[i]] += first[i];
    }
    const float loudest = *std::max_element(chroma, chroma + 12);
    if (loudest > 0.0f) {
        for (int c = 0; c < 12; ++c) {
            chroma[c] /= loudest;
        }
    }
}

}  // namespace timbre::plugins
