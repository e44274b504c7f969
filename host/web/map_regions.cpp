// SPDX-License-Identifier: GPL-3.0-or-later
// Lloyd's iterations (at most 50, until no point changes group) from a farthest-point start;
// a group left empty keeps its centre. Names come from the catalogue's answers through the
// automatic playlists' naming, without the tempo range (too long to write on a map).
#include "web/map_regions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "playlist/library_clusters.hpp"

namespace timbre::host {

namespace {

float squared_distance(const MapPoint& a, const MapPoint& b) {
    return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
}

std::size_t nearest_of(const MapPoint& point, const std::vector<MapPoint>& centres) {
    std::size_t best = 0;
    for (std::size_t c = 1; c < centres.size(); ++c) {
        if (squared_distance(point, centres[c]) < squared_distance(point, centres[best])) {
            best = c;
        }
    }
    return best;
}

std::vector<MapPoint> farthest_point_start(const std::vector<MapPoint>& points, std::size_t count) {
    MapPoint middle;
    for (const MapPoint& point : points) {
        middle.x += point.x / static_cast<float>(points.size());
        middle.y += point.y / static_cast<float>(points.size());
    }
    std::vector<MapPoint> centres{points[nearest_of(middle, points)]};
    std::vector<float> reach(points.size(), std::numeric_limits<float>::infinity());
    while (centres.size() < count) {
        std::size_t farthest = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            reach[i] = std::min(reach[i], squared_distance(points[i], centres.back()));
            if (reach[i] > reach[farthest]) {
                farthest = i;
            }
        }
        centres.push_back(points[farthest]);
    }
    return centres;
}

}  // namespace

std::vector<MapRegion> map_regions(const LibrarySimilarity& similarity, const std::vector<MapPoint>& points) {
    const std::size_t n = points.size();
    if (n < 6) {
        return {};
    }
    const auto count = std::clamp<std::size_t>(std::lround(std::sqrt(static_cast<double>(n) / 3.0)), 2, 12);
    std::vector<MapPoint> centres = farthest_point_start(points, count);
    std::vector<std::size_t> group(n, count);
    for (int round = 0; round < 50; ++round) {
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t nearest = nearest_of(points[i], centres);
            changed = changed || nearest != group[i];
            group[i] = nearest;
        }
        if (!changed) {
            break;
        }
        std::vector<MapPoint> sums(count);
        std::vector<std::size_t> sizes(count, 0);
        for (std::size_t i = 0; i < n; ++i) {
            sums[group[i]].x += points[i].x;
            sums[group[i]].y += points[i].y;
            ++sizes[group[i]];
        }
        for (std::size_t c = 0; c < count; ++c) {
            if (sizes[c] > 0) {
                centres[c] = {sums[c].x / static_cast<float>(sizes[c]), sums[c].y / static_cast<float>(sizes[c])};
            }
        }
    }
    std::vector<MapRegion> regions;
    for (std::size_t c = 0; c < count; ++c) {
        std::vector<std::size_t> tracks;
        std::size_t central = n;
        for (std::size_t i = 0; i < n; ++i) {
            if (group[i] == c) {
                tracks.push_back(similarity.members()[i]);
                if (central == n ||
                    squared_distance(points[i], centres[c]) < squared_distance(points[central], centres[c])) {
                    central = i;
                }
            }
        }
        if (tracks.empty()) {
            continue;
        }
        const std::string name = shared_mood_and_genre(similarity.catalogue(), tracks);
        if (!name.empty()) {
            regions.push_back({name, points[central], tracks.size()});
        }
    }
    return regions;
}

}  // namespace timbre::host
