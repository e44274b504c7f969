// SPDX-License-Identifier: GPL-3.0-or-later
// UMAP's layout step with its default settings (15 neighbours chosen by the caller, minimum
// distance 0.1, five negative samples per positive one, gradients clipped at 4, a learning rate
// falling linearly to 0): each point's membership of its neighbours' neighbourhoods decays
// from its nearest neighbour's distance at the rate that makes the memberships sum to log2 k;
// memberships are made symmetric by the fuzzy union; then each edge is sampled in proportion
// to its membership and pulls its ends together, while random points push each end away.
#include "similarity/neighbour_layout.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace timbre::host {

namespace {

// The curve 1 / (1 + a d^(2b)) that approximates UMAP's membership in the layout for a
// minimum distance of 0.1 and a spread of 1 (the values umap-learn fits for them).
constexpr float kCurveA = 1.5769434f;
constexpr float kCurveB = 0.8950609f;
constexpr int kNegativeSamples = 5;
constexpr float kGradientClip = 4.0f;
// An earlier layout is settled for 100 epochs, its placed points moving at a hundredth of the
// new ones' rate. Measured with bench/library_map_bench.cpp (docs/benchmarks.md): with one track
// added to 100 or 720, the others moved 0.025 and 0.020 of the map's side of 2 on average (0.25
// and 0.26 drawn afresh), and the map kept as much of `similar`'s neighbours. Moving all points
// alike at a quarter of the rate moved them about twice as far; 30-50 epochs, as little.
constexpr int kSettlingEpochs = 100;
constexpr float kPlacedMobility = 0.01f;

struct Edge {
    std::uint32_t head = 0, tail = 0;
    float weight = 0.0f;
};

// Each point's membership of its neighbours' fuzzy neighbourhood, as directed edges.
std::vector<Edge> directed_memberships(const NeighbourGraph& graph) {
    const std::size_t n = graph.points(), k = graph.k;
    const double target = std::log2(static_cast<double>(k));
    std::vector<Edge> edges;
    edges.reserve(n * k);
    for (std::size_t i = 0; i < n; ++i) {
        const float* distance = graph.distances.data() + i * k;
        float nearest = 0.0f;  // the distance to the nearest neighbour that is not a duplicate
        for (std::size_t j = 0; j < k; ++j) {
            if (distance[j] > 0.0f) {
                nearest = distance[j];
                break;
            }
        }
        const auto membership = [&](std::size_t j, double rate) {
            const double beyond = distance[j] - nearest;
            return beyond <= 0.0 ? 1.0 : std::exp(-beyond / rate);
        };
        double low = 0.0, high = std::numeric_limits<double>::infinity(), rate = 1.0;
        for (int step = 0; step < 64; ++step) {
            double sum = 0.0;
            for (std::size_t j = 0; j < k; ++j) {
                sum += membership(j, rate);
            }
            if (std::abs(sum - target) < 1e-5) {
                break;
            }
            if (sum > target) {
                high = rate;
                rate = (low + high) / 2.0;
            } else {
                low = rate;
                rate = std::isinf(high) ? rate * 2.0 : (low + high) / 2.0;
            }
        }
        rate = std::max(rate, 1e-3 * std::max(1e-12, static_cast<double>(distance[k - 1])));
        for (std::size_t j = 0; j < k; ++j) {
            const auto neighbour = graph.neighbours[i * k + j];
            if (neighbour != i) {
                edges.push_back({static_cast<std::uint32_t>(i), neighbour, static_cast<float>(membership(j, rate))});
            }
        }
    }
    return edges;
}

// The fuzzy union a + b - ab of the memberships both ways, each edge listed from both ends.
std::vector<Edge> symmetric_memberships(std::vector<Edge> directed) {
    for (Edge& edge : directed) {
        if (edge.head > edge.tail) {
            std::swap(edge.head, edge.tail);
        }
    }
    std::sort(directed.begin(), directed.end(),
              [](const Edge& a, const Edge& b) { return a.head != b.head ? a.head < b.head : a.tail < b.tail; });
    std::vector<Edge> both;
    for (std::size_t e = 0; e < directed.size();) {
        float weight = directed[e].weight;
        std::size_t next = e + 1;
        for (; next < directed.size() && directed[next].head == directed[e].head &&
               directed[next].tail == directed[e].tail;
             ++next) {
            weight = weight + directed[next].weight - weight * directed[next].weight;
        }
        both.push_back({directed[e].head, directed[e].tail, weight});
        both.push_back({directed[e].tail, directed[e].head, weight});
        e = next;
    }
    return both;
}

float clipped(float gradient) { return std::clamp(gradient, -kGradientClip, kGradientClip); }

// UMAP's optimisation for `epochs` epochs; point i's steps are scaled by mobility[i] times a
// learning rate falling linearly from 1 to 0.
std::vector<MapPoint> optimise(const NeighbourGraph& graph, std::vector<MapPoint> start, int epochs,
                               const std::vector<float>& mobility) {
    const std::size_t n = graph.points();
    auto edges = symmetric_memberships(directed_memberships(graph));
    float strongest = 0.0f;
    for (const Edge& edge : edges) {
        strongest = std::max(strongest, edge.weight);
    }
    // Edges too weak to be sampled once in all the epochs are left out, as UMAP does.
    std::erase_if(edges, [&](const Edge& edge) { return edge.weight < strongest / static_cast<float>(epochs); });

    std::vector<float> every(edges.size()), next(edges.size()), every_negative(edges.size()),
        next_negative(edges.size());
    for (std::size_t e = 0; e < edges.size(); ++e) {
        every[e] = next[e] = strongest / edges[e].weight;
        every_negative[e] = next_negative[e] = every[e] / kNegativeSamples;
    }
    std::mt19937_64 random(0x9e3779b97f4a7c15ULL);
    for (int epoch = 0; epoch < epochs; ++epoch) {
        const float rate = 1.0f - static_cast<float>(epoch) / static_cast<float>(epochs);
        const auto now = static_cast<float>(epoch);
        for (std::size_t e = 0; e < edges.size(); ++e) {
            if (next[e] > now) {
                continue;
            }
            MapPoint& head = start[edges[e].head];
            MapPoint& tail = start[edges[e].tail];
            float dx = head.x - tail.x, dy = head.y - tail.y;
            float squared = dx * dx + dy * dy;
            if (squared > 0.0f) {
                const float pull = -2.0f * kCurveA * kCurveB * std::pow(squared, kCurveB - 1.0f) /
                                   (kCurveA * std::pow(squared, kCurveB) + 1.0f);
                const float gx = clipped(pull * dx), gy = clipped(pull * dy);
                const float head_rate = rate * mobility[edges[e].head], tail_rate = rate * mobility[edges[e].tail];
                head.x += gx * head_rate;
                head.y += gy * head_rate;
                tail.x -= gx * tail_rate;
                tail.y -= gy * tail_rate;
            }
            next[e] += every[e];
            const int negatives = static_cast<int>((now - next_negative[e]) / every_negative[e]);
            for (int sample = 0; sample < negatives; ++sample) {
                const auto other = static_cast<std::uint32_t>(random() % n);
                if (other == edges[e].head) {
                    continue;
                }
                dx = head.x - start[other].x;
                dy = head.y - start[other].y;
                squared = dx * dx + dy * dy;
                if (squared > 0.0f) {
                    const float push =
                        2.0f * kCurveB / ((0.001f + squared) * (kCurveA * std::pow(squared, kCurveB) + 1.0f));
                    head.x += clipped(push * dx) * rate * mobility[edges[e].head];
                    head.y += clipped(push * dy) * rate * mobility[edges[e].head];
                } else {
                    head.x += kGradientClip * rate * mobility[edges[e].head];
                    head.y += kGradientClip * rate * mobility[edges[e].head];
                }
            }
            next_negative[e] += static_cast<float>(std::max(negatives, 0)) * every_negative[e];
        }
    }
    return start;
}

}  // namespace

std::vector<MapPoint> neighbour_layout(const NeighbourGraph& graph, std::vector<MapPoint> start) {
    const std::size_t n = graph.points();
    if (n < 3 || start.size() != n) {
        return start;
    }
    // Scaled to a reach of 10, where the curve's unit distances make sense.
    float reach = 0.0f;
    for (const MapPoint& point : start) {
        reach = std::max({reach, std::abs(point.x), std::abs(point.y)});
    }
    for (MapPoint& point : start) {
        point.x = reach > 0.0f ? point.x * 10.0f / reach : 0.0f;
        point.y = reach > 0.0f ? point.y * 10.0f / reach : 0.0f;
    }
    return optimise(graph, std::move(start), n <= 10000 ? 500 : 200, std::vector<float>(n, 1.0f));
}

std::vector<MapPoint> settle_layout(const NeighbourGraph& graph, EarlierLayout earlier) {
    const std::size_t n = graph.points();
    if (n < 3 || earlier.points.size() != n || earlier.placed.size() != n) {
        return earlier.points;
    }
    std::vector<float> mobility(n);
    for (std::size_t i = 0; i < n; ++i) {
        mobility[i] = earlier.placed[i] ? kPlacedMobility : 1.0f;
    }
    return optimise(graph, std::move(earlier.points), kSettlingEpochs, mobility);
}

}  // namespace timbre::host
