// SPDX-License-Identifier: GPL-3.0-or-later
// Distances accumulate in float with Eigen's vectorised dot products; the distances they
// feed are normalised by mutual proximity, far coarser than float's 1e-7.
#include "similarity/embedding_table.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <string>

#include "timbre/error.hpp"

namespace timbre::host {

bool EmbeddingTable::applies_to(const SimilarityMetric& metric) {
    return metric.space() == MetricSpace::euclidean || metric.space() == MetricSpace::cosine;
}

EmbeddingTable::EmbeddingTable(const SimilarityMetric& metric, const std::string& name,
                               const std::vector<const Vector*>& signatures)
    : cosine_(metric.space() == MetricSpace::cosine) {
    for (std::size_t i = 0; i < signatures.size(); ++i) {
        const std::vector<float> embedded = metric.embed(*signatures[i]);
        if (i == 0) {
            dimension_ = embedded.size();
            values_.reserve(dimension_ * signatures.size());
        } else if (embedded.size() != dimension_) {
            throw Error("similarity metric " + name + ": embed() gave " + std::to_string(embedded.size()) +
                        " numbers for one track and " + std::to_string(dimension_) + " for another");
        }
        values_.insert(values_.end(), embedded.begin(), embedded.end());
        const Eigen::Map<const Eigen::VectorXf> row(embedded.data(), static_cast<Eigen::Index>(dimension_));
        squared_norms_.push_back(row.squaredNorm());
    }
}

double EmbeddingTable::distance(std::size_t a, std::size_t b) const {
    using Row = Eigen::Map<const Eigen::VectorXf>;
    const auto size = static_cast<Eigen::Index>(dimension_);
    const Row x(values_.data() + a * dimension_, size), y(values_.data() + b * dimension_, size);
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
