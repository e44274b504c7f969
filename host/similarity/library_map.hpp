// SPDX-License-Identifier: GPL-3.0-or-later
// A map of a library for the web page: every track as a point in 2-D, the first two principal
// components of the tracks' joint embeddings (so tracks near on the map are near under the
// library's similarity, roughly), scaled so that 95 % of the tracks fill [-1, 1]² (the rest
// on its edge). Power iteration on the embeddings: no n × n matrix.
#pragma once

#include <vector>

#include "similarity/library_similarity.hpp"

namespace timbre::host {

struct MapPoint {
    float x = 0.0f, y = 0.0f;
};

// One point per member of `similarity`, in member order. Deterministic.
std::vector<MapPoint> library_map(const LibrarySimilarity& similarity);

}  // namespace timbre::host
