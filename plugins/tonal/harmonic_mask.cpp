// SPDX-License-Identifier: GPL-3.0-or-later
// The time median runs a nine-input median network over every bin of a frame at once (the
// nine frames' rows are contiguous, so the compiler vectorises it across bins); the frequency
// median slides a window kept sorted along each frame, an insertion and an erasure per bin.
// Only the chroma's band is masked (bins 12-390 of 2,049 by default).
#include "harmonic_mask.hpp"

#include <algorithm>
#include <array>

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

// Exchanges a and b so that a <= b.
inline void order(float& a, float& b) {
    const float low = std::min(a, b);
    b = std::max(a, b);
    a = low;
}

// out[k] = median of rows[0][k] ... rows[8][k], by Paeth's 19-exchange median network
// (Devillard, "Fast median search: an ANSI C implementation", 1998).
static_assert(kHarmonicMedianFrames == 9, "the time median is a nine-input network");
void median_of_nine(const std::array<const float*, kHarmonicMedianFrames>& rows, float* out, std::size_t count) {
#pragma omp simd
    for (std::size_t k = 0; k < count; ++k) {
        float p0 = rows[0][k], p1 = rows[1][k], p2 = rows[2][k], p3 = rows[3][k], p4 = rows[4][k];
        float p5 = rows[5][k], p6 = rows[6][k], p7 = rows[7][k], p8 = rows[8][k];
        order(p1, p2); order(p4, p5); order(p7, p8); order(p0, p1); order(p3, p4); order(p6, p7);
        order(p1, p2); order(p4, p5); order(p7, p8); order(p0, p3); order(p5, p8); order(p4, p7);
        order(p3, p6); order(p1, p4); order(p2, p5); order(p4, p7); order(p4, p2); order(p6, p4);
        order(p4, p2);
        out[k] = p4;
    }
}

}  // namespace

void keep_harmonic_part(std::vector<float>& power, std::size_t frames, std::size_t bins, std::size_t first_bin,
                        std::size_t last_bin, std::size_t frequency_bins) {
    last_bin = std::min(last_bin, bins - 1);
    if (first_bin > last_bin || frames == 0) {
        return;
    }
    const std::size_t width = last_bin - first_bin + 1;
    constexpr std::size_t time_half = kHarmonicMedianFrames / 2;
    const std::size_t frequency_half = frequency_bins / 2;
    const auto at = [&](std::size_t f, std::size_t k) { return power[f * bins + k]; };
    std::vector<float> harmonic(frames * width);
    std::vector<float> cut_window;
    for (std::size_t f = 0; f < frames; ++f) {
        const std::size_t from = f >= time_half ? f - time_half : 0, to = std::min(frames - 1, f + time_half);
        float* out = harmonic.data() + f * width;
        if (to - from + 1 == kHarmonicMedianFrames) {
            std::array<const float*, kHarmonicMedianFrames> rows{};
            for (std::size_t j = 0; j < rows.size(); ++j) {
                rows[j] = power.data() + (from + j) * bins + first_bin;
            }
            median_of_nine(rows, out, width);
            continue;
        }
        for (std::size_t k = first_bin; k <= last_bin; ++k) {
            cut_window.clear();
            for (std::size_t g = from; g <= to; ++g) {
                cut_window.push_back(at(g, k));
            }
            const auto middle = cut_window.begin() + static_cast<std::ptrdiff_t>(cut_window.size() / 2);
            std::nth_element(cut_window.begin(), middle, cut_window.end());
            out[k - first_bin] = *middle;
        }
    }
    SortedWindow window;
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
