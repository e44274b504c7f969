// SPDX-License-Identifier: GPL-3.0-or-later
// Scores of a regressor on held-out examples: R² (share of the target's variance explained;
// 0 = no better than predicting the mean), Pearson correlation, mean absolute and root mean
// squared error, R² and r with their 95 % bootstrap intervals (ml/confidence_interval.hpp),
// and each example's estimate, written as JSON and Markdown.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "ml/confidence_interval.hpp"
#include "ml/example_identity.hpp"

namespace timbre::host {

// One held-out example's estimate, kept in the report so that two regressors scored on the
// same examples can be compared example by example (ml/paired_comparison.hpp).
struct EstimateAnswer {
    ExampleIdentity example;  // key "" where the caller knew none
    double truth = 0.0;
    double predicted = 0.0;
};

struct RegressionReport {
    std::size_t examples = 0;  // held-out examples asked for
    std::size_t failed = 0;    // of them, without a prediction: counted, not scored
    double r2 = 0.0;
    double pearson = 0.0;
    ConfidenceInterval r2_interval;
    ConfidenceInterval pearson_interval;
    std::size_t interval_groups = 0;  // the groups the bootstrap drew whole; 0: each example alone
    double mae = 0.0;
    double rmse = 0.0;
    double target_mean = 0.0;
    double target_std = 0.0;
    double mean_baseline_r2 = 0.0;  // R² of always predicting the training targets' mean (at most 0)
    std::vector<EstimateAnswer> answers;  // the scored examples, in the order given
};

// Scores the predicted examples and keeps each answer (without identities: the caller names
// them); `failed` more had none. The intervals resample `units` (of the predicted examples).
// Throws timbre::Error for fewer than two scored examples, a value that is not finite, or
// targets without variance (R² undefined).
RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t failed, const ResamplingUnits& units);

// R² of the examples `sample` picks (a repeated index counts again), against their own mean;
// NaN where those targets are all equal.
double r_squared(std::span<const double> truth, std::span<const double> predicted, std::span<const std::size_t> sample);

// Fills mean_baseline_r2 from the mean of the targets the model learned from.
void set_baseline(RegressionReport& report, double training_mean);

// Writes `stem`.json and `stem`.md; `title` heads the Markdown.
void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem);

}  // namespace timbre::host
