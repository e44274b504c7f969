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

double percentile(const std::vector<double>& sorted, double q) {
    const double position = q / 100.0 * (sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - below;
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

}  // namespace timbre::plugins
