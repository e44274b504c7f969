// Rows are dealt to workers; each computes the upper triangle of its rows and mirrors it.
// Mutual proximity uses the normal CDF through erfc.
#include "similarity/distance_matrix.hpp"

#include <cmath>
#include <string>

#include "executor/worker_pool.hpp"
#include "timbre/error.hpp"

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
                        return {i, "the metric gave " + std::to_string(d) + " between tracks " + std::to_string(i) +
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
    std::vector<double> mean(n, 0.0), deviation(n, 0.0);
    for (std::size_t i = 0; i < n && n > 1; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            mean[i] += j == i ? 0.0 : at(i, j) / static_cast<double>(n - 1);
        }
        for (std::size_t j = 0; j < n; ++j) {
            const double offset = at(i, j) - mean[i];
            deviation[i] += j == i ? 0.0 : offset * offset / static_cast<double>(n - 1);
        }
        deviation[i] = std::sqrt(deviation[i]);
    }
    // P(X > d) for X ~ N(mean, deviation²).
    const auto beyond = [&](std::size_t i, double d) {
        return deviation[i] > 0.0 ? 0.5 * std::erfc((d - mean[i]) / (deviation[i] * std::sqrt(2.0))) : (d < mean[i] ? 1.0 : 0.0);
    };
    DistanceMatrix normalised;
    normalised.size_ = n;
    normalised.values_.assign(n * n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            const double d = at(i, j);
            const auto value = static_cast<float>(1.0 - beyond(i, d) * beyond(j, d));
            normalised.values_[i * n + j] = normalised.values_[j * n + i] = value;
        }
    }
    return normalised;
}

}  // namespace timbre::host
