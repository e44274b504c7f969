// SPDX-License-Identifier: GPL-3.0-or-later
// Two-pass mean/variance in double precision: tracks have up to ~10^5 frames.
#include "frame_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

BinStatistics bin_statistics(const std::vector<double>& values) {
    BinStatistics stats;
    double sum = 0.0;
    for (double value : values) {
        sum += value;
    }
    stats.mean = sum / values.size();
    double squares = 0.0;
    for (double value : values) {
        squares += (value - stats.mean) * (value - stats.mean);
    }
    stats.std = std::sqrt(squares / values.size());
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    stats.min = *low;
    stats.max = *high;
    return stats;
}

double percentile(std::vector<double>& values, double q) {
    const double position = q / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, values.size() - 1);
    const auto at = [&](std::size_t rank) {
        std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank), values.end());
        return values[rank];
    };
    const double low = at(below);
    const double high = above == below ? low : *std::min_element(values.begin() + static_cast<std::ptrdiff_t>(above), values.end());
    return low + (high - low) * (position - static_cast<double>(below));
}

}  // namespace timbre::plugins
