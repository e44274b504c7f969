// SPDX-License-Identifier: GPL-3.0-or-later
// What a similarity metric (a plugin of kind `similarity`) adds to the Plugin interface.
// Lifecycle:
//   1. configure(params)  [main thread]  as for every plugin
//   2. process(inputs)    [worker thread, per track, during `analyze`]  turns what the
//      pipeline computed for a track into its *signature*: the output port named
//      `signature` (a Vector), stored with the track like any other output
//   3. fit(library)       [main thread, optional]  sees every signature of a library before
//      any distance is asked, e.g. to standardise each dimension; called again when the
//      library changes
//   4. distance(a, b)     [any thread, concurrently, after fit]  compares two signatures
// The host finds this capability with dynamic_cast, as it finds Trainable, and normalises
// the distances against hubs (mutual proximity) itself, so a metric need not.
#pragma once

#include <vector>

#include "timbre/plugin.hpp"

namespace timbre {

// How an approximate nearest-neighbour index can serve a metric's signatures: `euclidean` and
// `cosine` mean distance() is that distance between the vectors embed() returns;
// `divergence` means only distance() knows (a divergence between Gaussians, say), and
// embed() is a proxy: the index finds candidates with it and distance() re-ranks them.
enum class MetricSpace { euclidean, cosine, divergence };

class SimilarityMetric {
public:
    virtual ~SimilarityMetric();

    virtual MetricSpace space() const = 0;

    // [main thread] Learn what the metric needs from the library, or from a uniform sample of
    // it in a large one (default: nothing).
    virtual void fit(const std::vector<const Vector*>& library);

    // [any thread] The vector an index compares for `signature`, of one length for every
    // signature: for the euclidean and cosine spaces, distance(a, b) equals that distance
    // between embed(a) and embed(b); for `divergence`, Euclidean distances between embeddings
    // should rank pairs about as distance() does (the closer, the fewer candidates the host
    // must re-rank). Default: the signature's values as they are.
    virtual std::vector<float> embed(const Vector& signature) const;

    // [any thread] A dissimilarity: >= 0, 0 for identical signatures, symmetric. Throws
    // InputError for a signature it cannot read (another version's, say).
    virtual double distance(const Vector& a, const Vector& b) const = 0;
};

// The output port every similarity plugin declares and process() fills.
inline constexpr const char* kSignaturePort = "signature";

}  // namespace timbre
