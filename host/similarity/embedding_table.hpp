// SPDX-License-Identifier: GPL-3.0-or-later
// The embeddings of every track of a library under one metric whose distance is a plain
// vector distance (the SDK's euclidean and cosine spaces promise distance(a, b) equals that
// distance between embed(a) and embed(b)). Holding them side by side as floats lets a query
// re-rank hundreds of candidates without a virtual call, a re-standardisation or a double
// per value: the web service's `similar` spends most of its time in these distances.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "timbre/similarity.hpp"
#include "timbre/values.hpp"

namespace timbre::host {

class EmbeddingTable {
public:
    // Embeds `signatures` (one per member, in member order) with the fitted `metric`, whose
    // space must be euclidean or cosine. Throws timbre::Error naming the metric (`name`, e.g.
    // "node 'stats'") when embed() gives vectors of different lengths.
    EmbeddingTable(const SimilarityMetric& metric, const std::string& name, const std::vector<const Vector*>& signatures);

    // The metric's distance of members a and b, as its space defines it on the embeddings.
    double distance(std::size_t a, std::size_t b) const;

    static bool applies_to(const SimilarityMetric& metric);

private:
    bool cosine_ = false;
    std::size_t dimension_ = 0;
    std::vector<float> values_;  // member-major: member i's embedding at [i * dimension_]
    std::vector<float> squared_norms_;
};

}  // namespace timbre::host
