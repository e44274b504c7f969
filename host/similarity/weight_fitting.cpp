// SPDX-License-Identifier: GPL-3.0-or-later
// Coordinate ascent is enough here: a handful of metrics, a grid of a few weights, and an
// objective that is flat over wide ranges (only the order of neighbours counts), where a
// gradient would not help. Ties keep the current weight, so the result does not wander.
#include "similarity/weight_fitting.hpp"

#include <algorithm>

#include "similarity/neighbour_evaluation.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

DistanceMatrix mixed_distances(const LabelledCollection& collection, const MetricMix& mix) {
    std::vector<std::pair<const DistanceMatrix*, double>> parts;
    for (const auto& [metric, weight] : mix) {
        const auto found = collection.normalised.find(metric);
        if (found == collection.normalised.end()) {
            throw Error("collection " + collection.name + " has no distances of metric '" + metric + "'");
        }
        if (weight > 0.0) {
            parts.emplace_back(&found->second, weight);
        }
    }
    if (parts.empty()) {
        throw Error("a mix of similarity metrics needs at least one positive weight");
    }
    return DistanceMatrix::weighted_mean(parts).mutual_proximity();
}

double mix_score(const LabelledCollection& collection, const MetricMix& mix, std::size_t k) {
    return leave_one_out_scores(mixed_distances(collection, mix), collection.labels, collection.groups, k).precision_at_k;
}

namespace {

double mean_score(const std::vector<const LabelledCollection*>& collections, const MetricMix& mix, std::size_t k) {
    double sum = 0.0;
    for (const LabelledCollection* collection : collections) {
        sum += mix_score(*collection, mix, k);
    }
    return sum / static_cast<double>(collections.size());
}

}  // namespace

FittedMix fit_mix(const std::vector<std::string>& metrics, const std::vector<const LabelledCollection*>& collections,
                  const std::vector<double>& grid, std::size_t k) {
    if (collections.empty() || metrics.empty()) {
        throw Error("fitting a similarity mix needs at least one collection and one metric");
    }
    FittedMix best;
    for (const auto& metric : metrics) {
        best.weights[metric] = 1.0;
    }
    best.objective = mean_score(collections, best.weights, k);
    constexpr int kMostPasses = 10;
    for (int pass = 0; pass < kMostPasses; ++pass) {
        bool changed = false;
        for (const auto& metric : metrics) {
            for (double weight : grid) {
                MetricMix trial = best.weights;
                trial[metric] = weight;
                const bool any_positive =
                    std::any_of(trial.begin(), trial.end(), [](const auto& item) { return item.second > 0.0; });
                if (weight == best.weights[metric] || !any_positive) {
                    continue;
                }
                const double objective = mean_score(collections, trial, k);
                if (objective > best.objective + 1e-9) {
                    best = {std::move(trial), objective};
                    changed = true;
                }
            }
        }
        if (!changed) {
            break;
        }
    }
    return best;
}

}  // namespace timbre::host
