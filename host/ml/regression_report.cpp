// Sums in double over the scored examples; R² = 1 - SSE / SST against the held-out mean.
#include "ml/regression_report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

#include "ml/classification_report.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t without_prediction) {
    const std::size_t n = truth.size();
    if (n < 2 || predicted.size() != n) {
        throw Error("a regression score needs at least two predicted examples, got " + std::to_string(n));
    }
    RegressionReport report;
    report.examples = n;
    report.without_prediction = without_prediction;
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
    report.r2 = sst > 0.0 ? 1.0 - sse / sst : 0.0;
    report.pearson = sst > 0.0 && spp > 0.0 ? stp / std::sqrt(sst * spp) : 0.0;
    report.mae = absolute / n;
    report.rmse = std::sqrt(sse / n);
    report.target_mean = truth_mean;
    report.target_std = std::sqrt(sst / n);
    return report;
}

void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem) {
    const nlohmann::ordered_json json{{"examples", report.examples},
                                      {"without_prediction", report.without_prediction},
                                      {"r2", report.r2},
                                      {"pearson", report.pearson},
                                      {"mae", report.mae},
                                      {"rmse", report.rmse},
                                      {"target_mean", report.target_mean},
                                      {"target_std", report.target_std}};
    write_report_file(stem.string() + ".json", json.dump(2) + "\n");
    std::ostringstream markdown;
    markdown.precision(3);
    markdown << std::fixed << "# " << title << "\n\n| examples | R² | Pearson r | MAE | RMSE | target std |\n"
             << "|---|---|---|---|---|---|\n| " << report.examples << " | " << report.r2 << " | " << report.pearson
             << " | " << report.mae << " | " << report.rmse << " | " << report.target_std << " |\n";
    if (report.without_prediction > 0) {
        markdown << "\n" << report.without_prediction << " held-out examples had no prediction and are not scored.\n";
    }
    write_report_file(stem.string() + ".md", markdown.str());
}

}  // namespace timbre::host
