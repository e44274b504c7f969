// SPDX-License-Identifier: GPL-3.0-or-later
// How far a figure measured on a few dozen held-out examples could be from the one the
// model would reach on many more: 95 % intervals printed beside every accuracy, F1, R² and
// neighbour score, so that "0.689 against a goal of 0.70" reads as what it is. A share of
// examples gets the exact (Clopper-Pearson) binomial interval; any other figure a percentile
// bootstrap over its examples, resampled with a fixed seed so that a report is reproducible.
// Where examples come in groups that are not independent of one another (an artist's tracks
// share a sound, and a model that learned it is right or wrong on all of them together), the
// bootstrap draws whole groups: the interval is then as wide as the number of groups
// warrants, not the number of tracks (the cluster bootstrap; Davison and Hinkley 1997, §3.8).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

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

// What a bootstrap draws: the examples 0 … n − 1 one by one, or in groups drawn whole.
class ResamplingUnits {
public:
    // Each of `examples` alone.
    static ResamplingUnits each_example(std::size_t examples);
    // Example i with every example whose group equals groups[i], and alone where groups[i] is
    // empty; units in order of their first example, so that examples in groups of their own
    // resample exactly as each_example.
    static ResamplingUnits by_group(std::span<const std::string> groups);

    std::size_t examples() const { return examples_; }
    const std::vector<std::vector<std::size_t>>& units() const { return units_; }
    // Whether some unit holds more than one example (else the draw is each_example's).
    bool grouped() const { return units_.size() < examples_; }
    // The groups drawn whole, as a report states them: 0 where each example is drawn alone.
    std::size_t groups() const { return grouped() ? units_.size() : 0; }

private:
    std::size_t examples_ = 0;
    std::vector<std::vector<std::size_t>> units_;  // example indices, each example in one
};

// The statistic's percentile interval over kBootstrapResamples resamples: as many units as
// there are, drawn with replacement, each bringing all its examples' indices. `statistic` is
// given one resample's indices and returns NaN where the figure is undefined for it (R² of
// equal targets): such resamples are left out. Throws timbre::Error for no examples, or when
// no resample has a value.
using ResampledStatistic = std::function<double(std::span<const std::size_t> sample)>;
ConfidenceInterval bootstrap_interval(const ResamplingUnits& units, const ResampledStatistic& statistic);

// The interval of a mean of per-example values, by the bootstrap above.
ConfidenceInterval mean_interval(std::span<const double> values, const ResamplingUnits& units);

// The interval of the share of examples that are `right`: the exact interval where each
// example stands alone; in groups, the bootstrap's, widened to the exact one wherever that
// is wider (a bootstrap over a few groups can come out narrower, most of all near 0 or 1).
ConfidenceInterval share_interval(const std::vector<bool>& right, const ResamplingUnits& units);

}  // namespace timbre::host
