// SPDX-License-Identifier: GPL-3.0-or-later
// Sums in double over the scored examples; R² = 1 - SSE / SST against the held-out mean.
// A score that is not a number is never reported: it is an error naming what made it so.
#include "ml/regression_report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

#include "ml/classification_report.hpp"
#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t failed) {
    const std::size_t n = truth.size();
    if (n < 2 || predicted.size() != n) {
        throw Error("a regression score needs at least two predicted examples, got " + std::to_string(n));
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(truth[i]) || !std::isfinite(predicted[i])) {
            throw Error("held-out example " + std::to_string(i) + " has a target or prediction that is not a finite number");
        }
    }
    RegressionReport report;
    report.examples = n + failed;
    report.failed = failed;
    double truth_mean = 0.0, predicted_mean = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        truth_mean += truth[i] / n;
        predicted_mean += predicted[i] / n;
    }
    double sse = 0.0, sst = 0.0, spp = 0.0, stp = 0.0, absolute = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double error = predicted[i] - truth[i];
        sse += error * error;
        absolute += std::abs(error);
        sst += (truth[i] - truth_mean) * (truth[i] - truth_mean);
        spp += (predicted[i] - predicted_mean) * (predicted[i] - predicted_mean);
        stp += (truth[i] - truth_mean) * (predicted[i] - predicted_mean);
    }
    if (!(sst > 0.0)) {
        throw Error("the held-out targets are all equal: R² and Pearson r are undefined");
    }
    report.r2 = 1.0 - sse / sst;
    report.pearson = spp > 0.0 ? stp / std::sqrt(sst * spp) : 0.0;
    report.mae = absolute / n;
    report.rmse = std::sqrt(sse / n);
    report.target_mean = truth_mean;
    report.target_std = std::sqrt(sst / n);
    return report;
}

void set_baseline(RegressionReport& report, double training_mean) {
    const double offset = report.target_mean - training_mean;
    report.mean_baseline_r2 = -(offset * offset) / (report.target_std * report.target_std);
}

void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem) {
    const nlohmann::ordered_json json{{"examples", report.examples},
                                      {"failed", report.failed},
                                      {"r2", report.r2},
                                      {"pearson", report.pearson},
                                      {"mae", report.mae},
                                      {"rmse", report.rmse},
                                      {"target_mean", report.target_mean},
                                      {"target_std", report.target_std},
                                      {"mean_baseline_r2", report.mean_baseline_r2}};
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    std::ostringstream markdown;
    markdown.precision(3);
    markdown << std::fixed << "# " << title << "\n\n| examples | R² | R² of the training mean | Pearson r | MAE | RMSE | target std |\n"
             << "|---|---|---|---|---|---|---|\n| " << report.examples << " | " << report.r2 << " | "
             << report.mean_baseline_r2 << " | " << report.pearson
             << " | " << report.mae << " | " << report.rmse << " | " << report.target_std << " |\n";
    if (report.failed > 0) {
        markdown << "\n" << report.failed << " held-out examples had no prediction and are not scored.\n";
    }
    write_report_file(stem.string() + ".md", markdown.str());
}

}  // namespace timbre::host
