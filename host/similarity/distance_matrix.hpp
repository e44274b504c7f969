// SPDX-License-Identifier: GPL-3.0-or-later
// All pairwise distances of a library under one metric, optionally normalised by mutual
// proximity (Schnitzer, Flexer, Schedl, Widmer: "Local and global scaling reduce hubs in
// space", JMLR 2012). Exact and O(n²) in time and memory: the reference every approximate
// search is measured against, and what evaluation and playlists of libraries up to a few
// thousand tracks use directly.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "timbre/similarity.hpp"

namespace timbre::host {

class DistanceMatrix {
public:
    // metric.distance over every pair of `signatures` (after metric.fit on them), on
    // `workers` threads. Throws timbre::Error naming the metric (`name`, e.g. "node 'timbre'
    // (timbre.gaussian_similarity)") and the pair whose distance is not finite or negative,
    // or passing on the metric's own error.
    static DistanceMatrix compute(SimilarityMetric& metric, const std::string& name, const std::vector<Vector>& signatures,
                                  unsigned workers);

    // `distance(i, j)` for every pair i < j of `size` items, mirrored: a matrix of distances
    // something else computes (a library's mixed distances among a sample, say).
    template <typename Distance>
    static DistanceMatrix tabulate(std::size_t size, Distance distance);

    // Mutual proximity (proximity_scale.hpp), each track's scale taken from its whole row:
    // symmetric, in [0, 1], and it removes most hubs.
    DistanceMatrix mutual_proximity() const;

    // Σ weight · matrix over `parts` (all of one size), divided by the weights' sum: a hybrid
    // of metrics, meaningful when each part is on a common scale (mutual proximity's [0, 1]).
    static DistanceMatrix weighted_mean(const std::vector<std::pair<const DistanceMatrix*, double>>& parts);

    std::size_t size() const { return size_; }
    float at(std::size_t i, std::size_t j) const { return values_[i * size_ + j]; }

    // Indices of the k nearest to `query` (never itself), nearest first, among those `allowed`
    // accepts; ties broken by index, so results are deterministic.
    template <typename Allowed>
    std::vector<std::size_t> nearest(std::size_t query, std::size_t k, Allowed allowed) const;

private:
    std::size_t size_ = 0;
    std::vector<float> values_;  // row-major, symmetric, zero diagonal
};

template <typename Distance>
DistanceMatrix DistanceMatrix::tabulate(std::size_t size, Distance distance) {
    DistanceMatrix matrix;
    matrix.size_ = size;
    matrix.values_.assign(size * size, 0.0f);
    for (std::size_t i = 0; i < size; ++i) {
        for (std::size_t j = i + 1; j < size; ++j) {
            matrix.values_[i * size + j] = matrix.values_[j * size + i] = static_cast<float>(distance(i, j));
        }
    }
    return matrix;
}

template <typename Allowed>
std::vector<std::size_t> DistanceMatrix::nearest(std::size_t query, std::size_t k, Allowed allowed) const {
    std::vector<std::size_t> candidates;
    for (std::size_t j = 0; j < size_; ++j) {
        if (j != query && allowed(j)) {
            candidates.push_back(j);
        }
    }
    const auto closer = [&](std::size_t a, std::size_t b) {
        return at(query, a) < at(query, b) || (at(query, a) == at(query, b) && a < b);
    };
    const std::size_t keep = std::min(k, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(), closer);
    candidates.resize(keep);
    return candidates;
}

}  // namespace timbre::host
