// SPDX-License-Identifier: GPL-3.0-or-later
// One vector per track for the nearest-neighbour index, made from every metric of a mix, so
// that Euclidean distance on it ranks tracks roughly as the mix does: good enough to find
// candidates, which the metrics' exact distances then re-rank. Each metric contributes its
// embed() (unit length for a cosine metric), scaled so that its mean squared distance between
// tracks is proportional to its weight in the mix. A joint vector longer than 128 numbers is
// then projected onto its sample's 128 leading principal directions (principal_subspace.hpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "similarity/principal_subspace.hpp"
#include "timbre/similarity.hpp"

namespace timbre::host {

class SimilarityCache;

struct EmbeddedMetric {
    const SimilarityMetric* metric = nullptr;
    std::string name;  // for errors: "node 'timbre'"
    double weight = 1.0;
};

class JointEmbedding {
public:
    // Learns each part's centre and scales from `sample[m]`, metric m's (fitted) signatures of
    // a reference sample of the library. Throws timbre::Error naming the metric whose embed()
    // gives vectors of different lengths.
    // The principal subspace is read from `cache` when it holds one fitted on the same
    // numbers, and kept there when fitted; with no cache it is fitted every time.
    JointEmbedding(const std::vector<EmbeddedMetric>& metrics, const std::vector<std::vector<const Vector*>>& sample,
                   const SimilarityCache* cache);

    std::size_t dimension() const { return subspace_ ? subspace_->dimension() : dimension_; }
    // The share of the sample's spread the index's vectors keep (1 when not projected).
    double retained() const { return subspace_ ? subspace_->retained() : 1.0; }

    // The joint vector of one track from its signature under each metric, in the order given.
    std::vector<float> operator()(const std::vector<const Vector*>& signatures) const;

private:
    struct Part {
        EmbeddedMetric metric;
        MetricSpace space = MetricSpace::euclidean;
        std::vector<double> centre, scale;  // per dimension (one scale for all, today)
    };
    std::vector<double> transformed(const Part& part, const Vector& signature) const;
    std::vector<float> joined(const std::vector<const Vector*>& signatures) const;

    std::vector<Part> parts_;
    std::size_t dimension_ = 0;
    std::optional<PrincipalSubspace> subspace_;
};

}  // namespace timbre::host
