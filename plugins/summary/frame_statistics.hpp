// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics of one bin over time, as NumPy defines them (population std, percentiles by
// linear interpolation between closest ranks), so they can be checked against NumPy.
#pragma once

#include <vector>

namespace timbre::plugins {

struct BinStatistics {
    double mean = 0.0;
    double std = 0.0;
    double min = 0.0;
    double max = 0.0;
};

// values must be non-empty.
BinStatistics bin_statistics(const std::vector<double>& values);

// q in [0, 100]; `values` non-empty. Reorders `values` (a partial sort around the ranks
// needed), which is O(n) instead of sorting.
double percentile(std::vector<double>& values, double q);

}  // namespace timbre::plugins
