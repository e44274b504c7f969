// SPDX-License-Identifier: GPL-3.0-or-later
// Names written on the web page's map, so a listener can read it: the map's points grouped by
// k-means in the plane (a region of the map is a group of tracks that sound alike, since the
// map keeps neighbourhoods), each group named by the mood and genre most of its tracks share
// and placed at its most central track. A group that shares neither gets no name.
#pragma once

#include <string>
#include <vector>

#include "similarity/library_similarity.hpp"
#include "similarity/neighbour_layout.hpp"

namespace timbre::host {

struct MapRegion {
    std::string name;
    MapPoint place;          // the point of the track nearest the group's centre
    std::size_t tracks = 0;  // how many tracks the group holds
};

// About sqrt(n / 3) groups of the map `points` (one per member of `similarity`, in member
// order), between 2 and 12; none for fewer than 6 tracks. Deterministic: the first centre is
// the point nearest the middle, each next the point farthest from those chosen.
std::vector<MapRegion> map_regions(const LibrarySimilarity& similarity, const std::vector<MapPoint>& points);

}  // namespace timbre::host
