// SPDX-License-Identifier: GPL-3.0-or-later
// Fits the weights of a hybrid metric on labelled collections: the mix `timbre similar` and
// `timbre playlist` use is then chosen by data, not by hand. Each collection contributes the
// leave-one-out precision@k of its label under the mix (without same-group neighbours where
// it names a group, since an artist's own tracks flatter any metric); the fit maximises the
// mean over collections by coordinate ascent over a grid of weights, deterministically.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "similarity/distance_matrix.hpp"

namespace timbre::host {

// One labelled collection: every metric's mutual-proximity distances among its tracks.
struct LabelledCollection {
    std::string name;
    std::map<std::string, DistanceMatrix> normalised;  // metric node id -> distances
    std::vector<std::string> labels;
    std::vector<std::string> groups;                   // empty: no artist filter
};

using MetricMix = std::map<std::string, double>;       // metric node id -> weight (0 = left out)

// The collection's distances under `mix`: the weighted mean of its metrics' normalised
// distances, normalised again by mutual proximity (as similar and playlist mix them).
DistanceMatrix mixed_distances(const LabelledCollection& collection, const MetricMix& mix);

// The collection's score under `mix`: precision@k of the mixed distances (mutual proximity
// again after mixing, as similar and playlist do), group-filtered where groups are given.
double mix_score(const LabelledCollection& collection, const MetricMix& mix, std::size_t k);

struct FittedMix {
    MetricMix weights;
    double objective = 0.0;  // mean mix_score over the collections fitted on
};

// Starts from every metric at weight 1 and, metric by metric, moves each to the grid value
// that raises the objective most, until a pass changes nothing. At least one weight stays
// positive. Throws timbre::Error if a collection lacks one of `metrics`.
FittedMix fit_mix(const std::vector<std::string>& metrics, const std::vector<const LabelledCollection*>& collections,
                  const std::vector<double>& grid, std::size_t k);

}  // namespace timbre::host
