// SPDX-License-Identifier: GPL-3.0-or-later
// Scores of a regressor on held-out examples: R² (share of the target's variance explained;
// 0 = no better than predicting the mean), Pearson correlation, mean absolute and root mean
// squared error, R² and r with their 95 % bootstrap intervals (ml/confidence_interval.hpp),
// written as JSON and Markdown.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ml/confidence_interval.hpp"

namespace timbre::host {

struct RegressionReport {
    std::size_t examples = 0;  // held-out examples asked for
    std::size_t failed = 0;    // of them, without a prediction: counted, not scored
    double r2 = 0.0;
    double pearson = 0.0;
    ConfidenceInterval r2_interval;
    ConfidenceInterval pearson_interval;
    double mae = 0.0;
    double rmse = 0.0;
    double target_mean = 0.0;
    double target_std = 0.0;
    double mean_baseline_r2 = 0.0;  // R² of always predicting the training targets' mean (at most 0)
};

// Scores the predicted examples; `failed` more had none. Throws timbre::Error for fewer than
// two scored examples, a value that is not finite, or targets without variance (R² undefined).
RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t failed);

// Fills mean_baseline_r2 from the mean of the targets the model learned from.
void set_baseline(RegressionReport& report, double training_mean);

// Writes `stem`.json and `stem`.md; `title` heads the Markdown.
void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem);

}  // namespace timbre::host
