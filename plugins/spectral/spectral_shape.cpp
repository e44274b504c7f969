// SPDX-License-Identifier: GPL-3.0-or-later
// Straight loops over one frame; accumulation in double. The sums are marked as SIMD
// reductions (the compiler may not reorder floating-point sums on its own), which lets
// them run over several bins at once: these loops run for every bin of every frame. Where
// GCC left a loop scalar (roll-off, flatness, flux), the magnitude pointer and bin count are
// read into locals first: it had assumed a reduction's store might change them.
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
    const float* magnitude = frame.magnitude;
    const std::size_t bins = frame.bin_hz.size();
    double total = 0.0;
#pragma omp simd reduction(+ : total)
    for (std::size_t k = 0; k < bins; ++k) {
        total += magnitude[k];
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
    // The log of the geometric mean as a sum of logs of products of 16 powers: 16 times fewer
    // logarithms, and in double. Each power lies in [1e-10, 1e10) for audio in [-1, 1] at any
    // frame length up to 2^16, so a product of 16 stays inside double's range.
    constexpr std::size_t kChunk = 16;
    const float* magnitude = frame.magnitude;
    const std::size_t bins = frame.bin_hz.size();
    double log_sum = 0.0, sum = 0.0;
    for (std::size_t start = 0; start < bins; start += kChunk) {
        const std::size_t end = std::min(bins, start + kChunk);
        double product = 1.0;
#pragma omp simd reduction(* : product) reduction(+ : sum)
        for (std::size_t k = start; k < end; ++k) {
            const double power = std::max(1e-10, static_cast<double>(magnitude[k]) * magnitude[k]);
            product *= power;
            sum += power;
        }
        log_sum += std::log(product);
    }
    return std::exp(log_sum / static_cast<double>(bins)) / (sum / static_cast<double>(bins));
}

double positive_flux(const SpectrumFrame& frame, const float* previous_magnitude) {
    if (!previous_magnitude) {
        return 0.0;
    }
    const float* magnitude = frame.magnitude;
    const std::size_t bins = frame.bin_hz.size();
    double sum = 0.0;
#pragma omp simd reduction(+ : sum)
    for (std::size_t k = 0; k < bins; ++k) {
        // max(change, 0) without a branch, which would keep the loop from vectorising.
        const double change = static_cast<double>(magnitude[k]) - previous_magnitude[k];
        const double rise = 0.5 * (change + std::abs(change));
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
    energy_.resize(count + 1);
    flips_.resize(count + 1);
    energy_[0] = 0.0;
    flips_[0] = 0;
    const float* x = samples_.data() + first;
    // The running energy advances four samples per addition: each prefix inside a group adds
    // the group's own partial sums to it, so one sample's sum need not wait for the last.
    std::size_t i = 0;
    double running = 0.0;
    for (; i + 4 <= count; i += 4) {
        const double a = static_cast<double>(x[i]) * x[i], b = static_cast<double>(x[i + 1]) * x[i + 1];
        const double c = static_cast<double>(x[i + 2]) * x[i + 2], d = static_cast<double>(x[i + 3]) * x[i + 3];
        const double ab = a + b;
        energy_[i + 1] = running + a;
        energy_[i + 2] = running + ab;
        energy_[i + 3] = running + (ab + c);
        running += ab + (c + d);
        energy_[i + 4] = running;
    }
    for (; i < count; ++i) {
        running += static_cast<double>(x[i]) * x[i];
        energy_[i + 1] = running;
    }
    for (i = 0; i < count; ++i) {
        const auto n = static_cast<std::size_t>(first) + i;
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
