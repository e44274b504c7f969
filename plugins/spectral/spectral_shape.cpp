// SPDX-License-Identifier: GPL-3.0-or-later
// Straight loops over one frame; accumulation in double. The sums are marked as SIMD
// reductions (the compiler may not reorder floating-point sums on its own), which lets
// them run over several bins at once: these loops run for every bin of every frame.
#include "spectral_shape.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

double centroid_hz(const SpectrumFrame& frame) {
    double weighted = 0.0, total = 0.0;
#pragma omp simd reduction(+ : weighted, total)
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        weighted += frame.bin_hz[k] * frame.magnitude[k];
        total += frame.magnitude[k];
    }
    return total > 0.0 ? weighted / total : 0.0;
}

double bandwidth_hz(const SpectrumFrame& frame, double centroid) {
    double spread = 0.0, total = 0.0;
#pragma omp simd reduction(+ : spread, total)
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const double distance = frame.bin_hz[k] - centroid;
        spread += frame.magnitude[k] * distance * distance;
        total += frame.magnitude[k];
    }
    return total > 0.0 ? std::sqrt(spread / total) : 0.0;
}

double rolloff_hz(const SpectrumFrame& frame, double fraction) {
    double total = 0.0;
#pragma omp simd reduction(+ : total)
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        total += frame.magnitude[k];
    }
    const double threshold = fraction * total;
    double cumulative = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        cumulative += frame.magnitude[k];
        if (cumulative >= threshold) {
            return frame.bin_hz[k];
        }
    }
    return frame.bin_hz.back();
}

double flatness(const SpectrumFrame& frame) {
    double log_sum = 0.0, sum = 0.0;
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const float power = std::max(1e-10f, frame.magnitude[k] * frame.magnitude[k]);
        log_sum += std::log(power);
        sum += power;
    }
    const double bins = static_cast<double>(frame.bin_hz.size());
    return std::exp(log_sum / bins) / (sum / bins);
}

double positive_flux(const SpectrumFrame& frame, const float* previous_magnitude) {
    if (!previous_magnitude) {
        return 0.0;
    }
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (std::size_t k = 0; k < frame.bin_hz.size(); ++k) {
        const double rise = std::max(0.0, static_cast<double>(frame.magnitude[k]) - previous_magnitude[k]);
        sum += rise * rise;
    }
    return std::sqrt(sum);
}

WaveformFrames::WaveformFrames(const std::vector<float>& samples) : samples_(samples) {}

void WaveformFrames::cover(std::ptrdiff_t first, std::ptrdiff_t last) {
    constexpr std::ptrdiff_t kStretch = 1 << 18;
    const auto covered_end = base_ + static_cast<std::ptrdiff_t>(energy_.size()) - 1;
    if (!energy_.empty() && first >= base_ && last <= covered_end) {
        return;
    }
    const auto length = static_cast<std::ptrdiff_t>(samples_.size());
    base_ = first;
    const auto end = std::min(length, first + std::max(kStretch, last - first));
    const auto count = static_cast<std::size_t>(end - first);
    energy_.assign(count + 1, 0.0);
    flips_.assign(count + 1, 0);
    for (std::size_t i = 0; i < count; ++i) {
        const auto n = static_cast<std::size_t>(first) + i;
        energy_[i + 1] = energy_[i] + static_cast<double>(samples_[n]) * samples_[n];
        const bool flip = n > 0 && (samples_[n] < -1e-10f) != (samples_[n - 1] < -1e-10f);
        flips_[i + 1] = flips_[i] + (flip ? 1 : 0);
    }
}

double WaveformFrames::zero_crossing_rate(std::ptrdiff_t start, std::size_t size) {
    // Pairs (k-1, k) for k in (start, start + size); edge padding repeats the edge sample, so
    // pairs outside the signal never cross.
    const auto length = static_cast<std::ptrdiff_t>(samples_.size());
    const auto first = std::clamp<std::ptrdiff_t>(start + 1, 1, length);
    const auto last = std::clamp<std::ptrdiff_t>(start + static_cast<std::ptrdiff_t>(size), 1, length);
    if (last <= first) {
        return 0.0;
    }
    cover(first, last);
    const auto crossings = flips_[static_cast<std::size_t>(last - base_)] - flips_[static_cast<std::size_t>(first - base_)];
    return static_cast<double>(crossings) / static_cast<double>(size);
}

double WaveformFrames::rms(std::ptrdiff_t start, std::size_t size) {
    const auto length = static_cast<std::ptrdiff_t>(samples_.size());
    const auto first = std::clamp<std::ptrdiff_t>(start, 0, length);
    const auto last = std::clamp<std::ptrdiff_t>(start + static_cast<std::ptrdiff_t>(size), 0, length);
    if (last <= first) {
        return 0.0;
    }
    cover(first, last);
    const double energy = std::max(0.0, energy_[static_cast<std::size_t>(last - base_)] -
                                            energy_[static_cast<std::size_t>(first - base_)]);
    return std::sqrt(energy / static_cast<double>(size));
}

}  // namespace timbre::plugins
