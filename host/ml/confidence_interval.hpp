// SPDX-License-Identifier: GPL-3.0-or-later
// How far a figure measured on a few dozen held-out examples could be from the one the
// model would reach on many more: 95 % intervals printed beside every accuracy, F1, R² and
// neighbour score, so that "0.689 against a goal of 0.70" reads as what it is. A share of
// examples gets the exact (Clopper-Pearson) binomial interval; any other figure a percentile
// bootstrap over its examples, resampled with a fixed seed so that a report is reproducible.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>

namespace timbre::host {

struct ConfidenceInterval {
    double low = 0.0;
    double high = 0.0;
};

inline constexpr double kConfidenceLevel = 0.95;
inline constexpr std::size_t kBootstrapResamples = 2000;

// The exact interval of a share of `trials` that came out `successes` (Clopper and Pearson,
// 1934): never narrower than the truth warrants, whatever the share. Throws timbre::Error for
// no trials or more successes than trials.
ConfidenceInterval exact_share_interval(std::size_t successes, std::size_t trials);

// How likely `successes` or more of `trials` would be if each came out right with chance
// `baseline_rate` (one-sided exact binomial test): small means better than the baseline.
double chance_of_at_least(std::size_t successes, std::size_t trials, double baseline_rate);

// "p = 0.033", or "p < 1e-300" where the tail is below what a double holds (Boost then gives 0,
// which is not an impossibility).
std::string p_value_text(double p);

// The statistic's percentile interval over kBootstrapResamples resamples (with replacement)
// of the indices 0 … examples − 1; `statistic` is given one resample's indices and returns
// NaN where the figure is undefined for it (R² of equal targets): such resamples are left
// out. Throws timbre::Error for no examples, or when no resample has a value.
using ResampledStatistic = std::function<double(std::span<const std::size_t> sample)>;
ConfidenceInterval bootstrap_interval(std::size_t examples, const ResampledStatistic& statistic);

// The interval of a mean of per-example values, by the bootstrap above.
ConfidenceInterval mean_interval(std::span<const double> values);

}  // namespace timbre::host
