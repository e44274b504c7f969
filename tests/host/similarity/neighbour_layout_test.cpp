// SPDX-License-Identifier: GPL-3.0-or-later
// The neighbourhood layout must gather what the neighbour graph joins wherever the points
// start: four groups of 40 points, each point's 15 neighbours in its own group, start scattered
// at random over the square; laid out, a point's 10 nearest on the map must be of its group.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "similarity/neighbour_layout.hpp"

using namespace timbre::host;

namespace {

constexpr std::size_t kGroups = 4, kPerGroup = 40, kNeighbours = 15;

std::size_t group_of(std::size_t point) { return point / kPerGroup; }

// Each point joined to the next 15 of its group (cyclically), at distances growing with the step.
NeighbourGraph grouped_graph() {
    NeighbourGraph graph;
    graph.k = kNeighbours;
    for (std::size_t point = 0; point < kGroups * kPerGroup; ++point) {
        const std::size_t first = group_of(point) * kPerGroup;
        for (std::size_t step = 1; step <= kNeighbours; ++step) {
            graph.neighbours.push_back(static_cast<std::uint32_t>(first + (point - first + step) % kPerGroup));
            graph.distances.push_back(0.1f * static_cast<float>(step));
        }
    }
    return graph;
}

std::vector<MapPoint> scattered_start() {
    std::mt19937 random(3);
    std::uniform_real_distribution<float> anywhere(-1.0f, 1.0f);
    std::vector<MapPoint> start(kGroups * kPerGroup);
    for (MapPoint& point : start) {
        point = {anywhere(random), anywhere(random)};
    }
    return start;
}

// The share of each point's 10 nearest on the map that are of its group.
double same_group_share(const std::vector<MapPoint>& points) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::vector<std::pair<float, std::size_t>> ranked;
        for (std::size_t j = 0; j < points.size(); ++j) {
            const float dx = points[i].x - points[j].x, dy = points[i].y - points[j].y;
            if (j != i) {
                ranked.emplace_back(dx * dx + dy * dy, j);
            }
        }
        std::partial_sort(ranked.begin(), ranked.begin() + 10, ranked.end());
        for (std::size_t r = 0; r < 10; ++r) {
            same += group_of(ranked[r].second) == group_of(i);
        }
    }
    return static_cast<double>(same) / static_cast<double>(10 * points.size());
}

}  // namespace

TEST_CASE("the neighbourhood layout gathers each point's neighbours from a scattered start", "[similarity][layout]") {
    const auto start = scattered_start();
    REQUIRE(same_group_share(start) < 0.4);
    const auto laid_out = neighbour_layout(grouped_graph(), start);
    REQUIRE(laid_out.size() == start.size());
    CHECK(same_group_share(laid_out) > 0.98);
}

TEST_CASE("the neighbourhood layout is the same every time", "[similarity][layout]") {
    const auto first = neighbour_layout(grouped_graph(), scattered_start());
    const auto second = neighbour_layout(grouped_graph(), scattered_start());
    for (std::size_t i = 0; i < first.size(); ++i) {
        INFO("point " << i);
        CHECK(first[i].x == second[i].x);
        CHECK(first[i].y == second[i].y);
    }
}

TEST_CASE("two points or fewer are left where they start", "[similarity][layout]") {
    NeighbourGraph pair;
    pair.k = 1;
    pair.neighbours = {1, 0};
    pair.distances = {0.5f, 0.5f};
    const std::vector<MapPoint> start{{0.25f, -0.5f}, {-0.75f, 1.0f}};
    const auto laid_out = neighbour_layout(pair, start);
    REQUIRE(laid_out.size() == 2);
    CHECK(laid_out[0].x == 0.25f);
    CHECK(laid_out[1].y == 1.0f);
}
