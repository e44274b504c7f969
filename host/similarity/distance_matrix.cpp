// SPDX-License-Identifier: GPL-3.0-or-later
// Rows are dealt to workers; each computes the upper triangle of its rows and mirrors it.
// Mutual proximity is proximity_scale.hpp's formula over each full row.
#include "similarity/distance_matrix.hpp"

#include <cmath>
#include <string>

#include "executor/worker_pool.hpp"
#include "similarity/proximity_scale.hpp"
#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre::host {

DistanceMatrix DistanceMatrix::compute(SimilarityMetric& metric, const std::string& name,
                                       const std::vector<Vector>& signatures, unsigned workers) {
    std::vector<const Vector*> library;
    for (const auto& signature : signatures) {
        library.push_back(&signature);
    }
    metric.fit(library);
    DistanceMatrix matrix;
    const std::size_t n = signatures.size();
    matrix.size_ = n;
    matrix.values_.assign(n * n, 0.0f);
    struct RowResult {
        std::size_t row;
        std::string error;
    };
    std::string first_error;
    run_on_workers(
        n, worker_count(workers, n),
        [&](unsigned, std::size_t i) -> RowResult {
            try {
                for (std::size_t j = i + 1; j < n; ++j) {
                    const double d = metric.distance(signatures[i], signatures[j]);
                    if (!std::isfinite(d) || d < 0.0) {
                        return {i, "the metric gave " + number_text(d) + " between tracks " + std::to_string(i) +
                                       " and " + std::to_string(j) + " (a distance must be finite and >= 0)"};
                    }
                    matrix.values_[i * n + j] = matrix.values_[j * n + i] = static_cast<float>(d);
                }
                return {i, ""};
            } catch (const std::exception& error) {
                return {i, error.what()};
            }
        },
        [&](RowResult result) {
            if (first_error.empty() && !result.error.empty()) {
                first_error = result.error;
            }
        });
    if (!first_error.empty()) {
        throw Error("similarity metric " + name + ": " + first_error);
    }
    return matrix;
}

DistanceMatrix DistanceMatrix::weighted_mean(const std::vector<std::pair<const DistanceMatrix*, double>>& parts) {
    DistanceMatrix mean;
    double total = 0.0;
    for (const auto& [matrix, weight] : parts) {
        if (mean.values_.empty()) {
            mean.size_ = matrix->size_;
            mean.values_.assign(matrix->values_.size(), 0.0f);
        }
        if (matrix->size_ != mean.size_) {
            throw Error("similarity: cannot mix distances over libraries of different sizes");
        }
        for (std::size_t i = 0; i < mean.values_.size(); ++i) {
            mean.values_[i] += static_cast<float>(weight) * matrix->values_[i];
        }
        total += weight;
    }
    if (total > 0.0) {
        for (float& value : mean.values_) {
            value = static_cast<float>(value / total);
        }
    }
    return mean;
}

DistanceMatrix DistanceMatrix::mutual_proximity() const {
    const std::size_t n = size_;
    std::vector<ProximityScale> scales(n);
    std::vector<double> row;
    for (std::size_t i = 0; i < n; ++i) {
        row.clear();
        for (std::size_t j = 0; j < n; ++j) {
            if (j != i) {
                row.push_back(at(i, j));
            }
        }
        scales[i] = ProximityScale::of(row);
    }
    DistanceMatrix normalised;
    normalised.size_ = n;
    normalised.values_.assign(n * n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            const auto value = static_cast<float>(host::mutual_proximity(at(i, j), scales[i], scales[j]));
            normalised.values_[i * n + j] = normalised.values_[j * n + i] = value;
        }
    }
    return normalised;
}

}  // namespace timbre::host
