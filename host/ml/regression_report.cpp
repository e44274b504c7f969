// SPDX-License-Identifier: GPL-3.0-or-later
// Sums in double over the scored examples; R² = 1 - SSE / SST against the held-out mean.
// A score that is not a number is never reported: it is an error naming what made it so.
#include "ml/regression_report.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <sstream>

#include "ml/answers_json.hpp"
#include "ml/classification_report.hpp"
#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

struct Fit {
    double r2 = 0.0;
    double pearson = 0.0;
    double mae = 0.0;
    double rmse = 0.0;
    double truth_mean = 0.0;
    double truth_std = 0.0;
};

// The figures over the examples `sample` picks (a repeated index counts again); R² is not a
// number where those targets are all equal.
Fit fit_of(std::span<const double> truth, std::span<const double> predicted, std::span<const std::size_t> sample) {
    const auto n = static_cast<double>(sample.size());
    double truth_mean = 0.0, predicted_mean = 0.0;
    for (std::size_t i : sample) {
        truth_mean += truth[i] / n;
        predicted_mean += predicted[i] / n;
    }
    double sse = 0.0, sst = 0.0, spp = 0.0, stp = 0.0, absolute = 0.0;
    for (std::size_t i : sample) {
        const double error = predicted[i] - truth[i];
        sse += error * error;
        absolute += std::abs(error);
        sst += (truth[i] - truth_mean) * (truth[i] - truth_mean);
        spp += (predicted[i] - predicted_mean) * (predicted[i] - predicted_mean);
        stp += (truth[i] - truth_mean) * (predicted[i] - predicted_mean);
    }
    const double undefined = std::numeric_limits<double>::quiet_NaN();
    return {sst > 0.0 ? 1.0 - sse / sst : undefined,
            sst > 0.0 && spp > 0.0 ? stp / std::sqrt(sst * spp) : sst > 0.0 ? 0.0 : undefined,
            absolute / n,
            std::sqrt(sse / n),
            truth_mean,
            std::sqrt(sst / n)};
}

}  // namespace

double r_squared(std::span<const double> truth, std::span<const double> predicted, std::span<const std::size_t> sample) {
    return fit_of(truth, predicted, sample).r2;
}

RegressionReport score_regression(const std::vector<double>& truth, const std::vector<double>& predicted,
                                  std::size_t failed, const ResamplingUnits& units) {
    const std::size_t n = truth.size();
    if (n < 2 || predicted.size() != n) {
        throw Error("a regression score needs at least two predicted examples, got " + std::to_string(n));
    }
    if (units.examples() != n) {
        throw Error("the resampling units cover " + std::to_string(units.examples()) + " examples, not the " +
                    std::to_string(n) + " predicted");
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(truth[i]) || !std::isfinite(predicted[i])) {
            throw Error("held-out example " + std::to_string(i) + " has a target or prediction that is not a finite number");
        }
    }
    std::vector<std::size_t> every_example(n);
    std::iota(every_example.begin(), every_example.end(), std::size_t{0});
    const Fit fit = fit_of(truth, predicted, every_example);
    if (!std::isfinite(fit.r2)) {
        throw Error("the held-out targets are all equal: R² and Pearson r are undefined");
    }
    RegressionReport report;
    report.examples = n + failed;
    report.failed = failed;
    report.r2 = fit.r2;
    report.pearson = fit.pearson;
    report.mae = fit.mae;
    report.rmse = fit.rmse;
    report.target_mean = fit.truth_mean;
    report.target_std = fit.truth_std;
    for (std::size_t i = 0; i < n; ++i) {
        report.answers.push_back({{}, truth[i], predicted[i]});
    }
    report.interval_groups = units.groups();
    report.r2_interval = bootstrap_interval(
        units, [&](std::span<const std::size_t> sample) { return fit_of(truth, predicted, sample).r2; });
    report.pearson_interval = bootstrap_interval(
        units, [&](std::span<const std::size_t> sample) { return fit_of(truth, predicted, sample).pearson; });
    return report;
}

void set_baseline(RegressionReport& report, double training_mean) {
    const double offset = report.target_mean - training_mean;
    report.mean_baseline_r2 = -(offset * offset) / (report.target_std * report.target_std);
}

void write_report(const RegressionReport& report, const std::string& title, const std::filesystem::path& stem) {
    nlohmann::ordered_json json{{"title", title},
                                {"examples", report.examples},
                                {"failed", report.failed},
                                {"r2", report.r2},
                                {"r2_interval", {report.r2_interval.low, report.r2_interval.high}},
                                {"pearson", report.pearson},
                                {"pearson_interval", {report.pearson_interval.low, report.pearson_interval.high}},
                                {"interval_groups", report.interval_groups},
                                {"mae", report.mae},
                                {"rmse", report.rmse},
                                {"target_mean", report.target_mean},
                                {"target_std", report.target_std},
                                {"mean_baseline_r2", report.mean_baseline_r2}};
    json["answers"] = answers_json(report.answers);
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    std::ostringstream markdown;
    markdown.precision(3);
    markdown << std::fixed << "# " << title << "\n\n| examples | R² | R² of the training mean | Pearson r | MAE | RMSE | target std |\n"
             << "|---|---|---|---|---|---|---|\n| " << report.examples << " | " << report.r2 << " (" << report.r2_interval.low
             << "–" << report.r2_interval.high << ") | " << report.mean_baseline_r2 << " | " << report.pearson << " ("
             << report.pearson_interval.low << "–" << report.pearson_interval.high << ") | " << report.mae << " | "
             << report.rmse << " | " << report.target_std << " |\n\nIn brackets: 95 % intervals, bootstrap over the "
             << (report.interval_groups ? std::to_string(report.interval_groups) +
                                              " groups of the examples (the dataset's groups, e.g. artists)"
                                        : std::string("examples"))
             << ".\n";
    if (report.failed > 0) {
        markdown << "\n" << report.failed << " held-out examples had no prediction and are not scored.\n";
    }
    write_report_file(stem.string() + ".md", markdown.str());
}

}  // namespace timbre::host
