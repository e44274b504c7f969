// SPDX-License-Identifier: GPL-3.0-or-later
// A 2-D layout of a library in which every track lies among its nearest neighbours: the
// optimisation of UMAP (McInnes, Healy and Melville, "UMAP: Uniform Manifold Approximation and
// Projection for Dimension Reduction", 2018) on the tracks' k-nearest-neighbour graph. A
// projection onto two principal components keeps the library's widest spread and scatters
// neighbourhoods across it; this keeps neighbourhoods together, so the map's regions are the
// sounds a listener's playlists are made of. No library of Debian's does this in C or C++ (R's
// uwot and Python's umap-learn do), and the optimisation is short: it is written here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace timbre::host {

struct MapPoint {
    float x = 0.0f, y = 0.0f;
};

// Each point's k nearest other points, nearest first, and their distances.
struct NeighbourGraph {
    std::size_t k = 0;
    std::vector<std::uint32_t> neighbours;  // points x k
    std::vector<float> distances;           // points x k, ascending within a point
    std::size_t points() const { return k == 0 ? 0 : neighbours.size() / k; }
};

// Moves `start` (one position per point of `graph`, e.g. principal components) into the
// layout: neighbours drawn together by the graph's fuzzy memberships, random pairs pushed
// apart, by UMAP's whole schedule. Deterministic: the same graph and start give the same
// layout. Units are arbitrary.
std::vector<MapPoint> neighbour_layout(const NeighbourGraph& graph, std::vector<MapPoint> start);

// Where an earlier layout put most of the points, in its own units: `placed[i]` says whether
// point i was on it (the others are put near their neighbours).
struct EarlierLayout {
    std::vector<MapPoint> points;
    std::vector<bool> placed;
};

// A short schedule from an earlier layout in which the new points find their place and the
// placed ones barely move, so a listener's map keeps its shape as the library grows.
std::vector<MapPoint> settle_layout(const NeighbourGraph& graph, EarlierLayout earlier);

}  // namespace timbre::host
