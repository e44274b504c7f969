// SPDX-License-Identifier: GPL-3.0-or-later
// Medians over sliding windows kept sorted: moving a window by one replaces one value, an
// insertion and an erasure in a short sorted array, instead of selecting each window's
// median afresh. Only the chroma's band is masked (bins 12-390 of 2,049 by default).
#include "harmonic_mask.hpp"

#include <algorithm>

namespace timbre::plugins {

namespace {

// The values of a window that slides along a sequence, sorted.
class SortedWindow {
public:
    void clear() { sorted_.clear(); }
    void insert(float value) { sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), value), value); }
    void erase(float value) { sorted_.erase(std::lower_bound(sorted_.begin(), sorted_.end(), value)); }
    float median() const { return sorted_[sorted_.size() / 2]; }

private:
    std::vector<float> sorted_;
};

}  // namespace

void keep_harmonic_part(std::vector<float>& power, std::size_t frames, std::size_t bins, std::size_t first_bin,
                        std::size_t last_bin, std::size_t time_frames, std::size_t frequency_bins) {
    last_bin = std::min(last_bin, bins - 1);
    if (first_bin > last_bin || frames == 0) {
        return;
    }
    const std::size_t width = last_bin - first_bin + 1;
    const std::size_t time_half = time_frames / 2, frequency_half = frequency_bins / 2;
    const auto at = [&](std::size_t f, std::size_t k) { return power[f * bins + k]; };
    std::vector<float> harmonic(frames * width);
    SortedWindow window;
    for (std::size_t k = first_bin; k <= last_bin; ++k) {
        window.clear();
        for (std::size_t g = 0; g <= std::min(frames - 1, time_half); ++g) {
            window.insert(at(g, k));
        }
        for (std::size_t f = 0; f < frames; ++f) {
            harmonic[f * width + k - first_bin] = window.median();
            if (f + time_half + 1 < frames) {
                window.insert(at(f + time_half + 1, k));
            }
            if (f >= time_half) {
                window.erase(at(f - time_half, k));
            }
        }
    }
    for (std::size_t f = 0; f < frames; ++f) {
        window.clear();
        const std::size_t low = first_bin >= frequency_half ? first_bin - frequency_half : 0;
        for (std::size_t k = low; k <= std::min(bins - 1, first_bin + frequency_half); ++k) {
            window.insert(at(f, k));
        }
        std::vector<float> mask(width);
        for (std::size_t k = first_bin; k <= last_bin; ++k) {
            const float h = harmonic[f * width + k - first_bin], p = window.median();
            mask[k - first_bin] = h * h + p * p > 0.0f ? h * h / (h * h + p * p) : 0.0f;
            if (k + frequency_half + 1 < bins) {
                window.insert(at(f, k + frequency_half + 1));
            }
            if (k >= frequency_half) {
                window.erase(at(f, k - frequency_half));
            }
        }
        for (std::size_t k = first_bin; k <= last_bin; ++k) {
            power[f * bins + k] *= mask[k - first_bin];
        }
    }
}

}  // namespace timbre::plugins
