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

// q in [0, 100]; `sorted` ascending and non-empty.
double percentile(const std::vector<double>& sorted, double q);

}  // namespace timbre::plugins
