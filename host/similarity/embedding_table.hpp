// SPDX-License-Identifier: GPL-3.0-or-later
// The embeddings of every track of a library under one metric whose distance is a plain
// vector distance (the SDK's euclidean and cosine spaces promise distance(a, b) equals that
// distance between embed(a) and embed(b)). Holding them side by side as floats lets a query
// re-rank hundreds of candidates without a virtual call, a re-standardisation or a double
// per value: the web service's `similar` spends most of its time in these distances. A
// member is embedded the first time a distance needs it, so a query against a large library
// embeds its candidates, not the library.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "timbre/similarity.hpp"
#include "timbre/values.hpp"

namespace timbre::host {

class EmbeddingTable {
public:
    // A table of `members` embeddings by the fitted `metric`, whose space must be euclidean or
    // cosine; `signature` gives a member's signature, and must stay valid as long as the
    // table. Embeds the first member to learn the dimension. distance() throws timbre::Error
    // naming the metric (`name`, e.g. "node 'stats'") when embed() gives vectors of
    // different lengths.
    EmbeddingTable(const SimilarityMetric& metric, std::string name, std::size_t members,
                   std::function<const Vector&(std::size_t)> signature);

    // The metric's distance of members a and b, as its space defines it on the embeddings.
    // Safe to call from several threads at once.
    double distance(std::size_t a, std::size_t b) const;

    static bool applies_to(const SimilarityMetric& metric);

private:
    // Member `member`'s embedding, made on first use.
    const float* row(std::size_t member) const;

    const SimilarityMetric& metric_;
    std::string name_;
    std::function<const Vector&(std::size_t)> signature_;
    bool cosine_ = false;
    std::size_t dimension_ = 0;
    std::unique_ptr<float[]> values_;  // member-major: member i's embedding at [i * dimension_]
    std::unique_ptr<float[]> squared_norms_;
    std::unique_ptr<std::once_flag[]> embedded_;
};

}  // namespace timbre::host
