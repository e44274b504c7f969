// SPDX-License-Identifier: GPL-3.0-or-later
// A map of a library for the web page: every track as a point in 2-D, laid out so that each
// track lies among its 15 nearest under the library's similarity, the tracks `timbre similar`
// names (neighbour_layout.hpp), starting from the first two principal components of the
// tracks' joint embeddings; scaled to fill [-1, 1]². No n × n matrix is held. The map is kept
// beside the store: read back while the library is unchanged, and when it has changed, the
// kept map is where its tracks start, so a grown library's map keeps its shape.
#pragma once

#include <cstddef>
#include <vector>

#include "similarity/library_similarity.hpp"
#include "similarity/neighbour_layout.hpp"

namespace timbre::host {

enum class MapLayout {
    principal_components,  // the embeddings projected on their two widest directions
    neighbourhoods,        // the same moved until neighbours lie together (the web page's)
};

inline constexpr std::size_t kMapNeighbours = 15;

// One point per member of `similarity`, in member order. Deterministic for a library and the
// map kept beside it.
std::vector<MapPoint> library_map(const LibrarySimilarity& similarity, MapLayout layout = MapLayout::neighbourhoods);

}  // namespace timbre::host
