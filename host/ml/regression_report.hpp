// Scores of a regressor on held-out examples: R² (share of the target's variance explained;
// 0 = no better than predicting the mean), Pearson correlation, mean absolute and root mean
// squared error, written as JSON and Markdown.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::host {

struct RegressionReport {
    std::size_t examples = 0;
    std::size_t without_prediction = 0;  // examples the model rejected: not scored, counted
    double r2 = 0.0;
    double pearson = 0.0;
    double mae = 0.0;
    double rmse = 0.0;
    double target_mean = 0.0;
    double target_std = 0.0;
};

// Throws timbre::Error for fewer than two scored examples.
RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t without_prediction);

// Writes `stem`.json and `stem`.md; `title` heads the Markdown.
void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem);

}  // namespace timbre::host
