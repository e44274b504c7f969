// SPDX-License-Identifier: GPL-3.0-or-later
// Distances accumulate in float with Eigen's vectorised dot products; the distances they
// feed are normalised by mutual proximity, far coarser than float's 1e-7. Each member's row
// is written once, under its own once_flag, so concurrent queries never embed it twice.
#include "similarity/embedding_table.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "timbre/error.hpp"

namespace timbre::host {

bool EmbeddingTable::applies_to(const SimilarityMetric& metric) {
    return metric.space() == MetricSpace::euclidean || metric.space() == MetricSpace::cosine;
}

EmbeddingTable::EmbeddingTable(const SimilarityMetric& metric, std::string name, std::size_t members,
                               std::function<const Vector&(std::size_t)> signature)
    : metric_(metric),
      name_(std::move(name)),
      signature_(std::move(signature)),
      cosine_(metric.space() == MetricSpace::cosine),
      squared_norms_(std::make_unique_for_overwrite<float[]>(members)),
      embedded_(std::make_unique<std::once_flag[]>(members)) {
    if (members == 0) {
        return;
    }
    const std::vector<float> first = metric_.embed(signature_(0));
    dimension_ = first.size();
    // Left unwritten until each member is embedded: pages no query reaches are never touched.
    values_ = std::make_unique_for_overwrite<float[]>(members * dimension_);
    row(0);
}

const float* EmbeddingTable::row(std::size_t member) const {
    float* values = values_.get() + member * dimension_;
    std::call_once(embedded_[member], [&] {
        const std::vector<float> embedded = metric_.embed(signature_(member));
        if (embedded.size() != dimension_) {
            throw Error("similarity metric " + name_ + ": embed() gave " + std::to_string(embedded.size()) +
                        " numbers for one track and " + std::to_string(dimension_) + " for another");
        }
        std::copy(embedded.begin(), embedded.end(), values);
        squared_norms_[member] =
            Eigen::Map<const Eigen::VectorXf>(values, static_cast<Eigen::Index>(dimension_)).squaredNorm();
    });
    return values;
}

double EmbeddingTable::distance(std::size_t a, std::size_t b) const {
    using Row = Eigen::Map<const Eigen::VectorXf>;
    const auto size = static_cast<Eigen::Index>(dimension_);
    const Row x(row(a), size), y(row(b), size);
    if (!cosine_) {
        return (x - y).norm();
    }
    const double dot = x.dot(y), x_norm = squared_norms_[a], y_norm = squared_norms_[b];
    if (x_norm <= 0.0 || y_norm <= 0.0) {
        return (x_norm + y_norm - 2.0 * dot) / 2.0;  // a zero vector has no direction
    }
    return std::max(0.0, 1.0 - dot / std::sqrt(x_norm * y_norm));
}

}  // namespace timbre::host
