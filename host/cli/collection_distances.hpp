// SPDX-License-Identifier: GPL-3.0-or-later
// A labelled collection seen through a pipeline's similarity metrics: each metric's distances
// among the collection's tracks, raw and normalised by mutual proximity. Shared by
// `evaluate-similarity`, which scores them, and `train` on a `fit_similarity:` config, which
// weighs them; both leave out the tracks a model upstream of the metrics learned from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cli/pipeline_loading.hpp"
#include "ml/classification_report.hpp"
#include "ml/dataset.hpp"
#include "similarity/distance_matrix.hpp"
#include "similarity/weight_fitting.hpp"

namespace timbre::host {

// What weight fitting needs (name: the dataset's CSV or folder; labels and groups: of the
// tracks with every signature), plus what evaluate-similarity reports besides.
struct CollectionDistances : LabelledCollection {
    std::vector<ExampleIdentity> identities;            // of the tracks with every signature, as labels
    std::size_t scored = 0;                             // tracks no upstream model trained on
    std::size_t failed = 0;                             // of those, tracks without every signature
    std::map<std::string, DistanceMatrix> raw;          // metric node id -> distances before normalising
};

// Decodes and analyses the collection (every metric's signature) and tabulates the
// distances. Throws timbre::Error if fewer than two tracks remain to compare.
CollectionDistances collection_distances(const LoadedPipeline& pipeline, const DatasetSpec& spec,
                                         const std::vector<const GraphNode*>& metrics);

}  // namespace timbre::host
