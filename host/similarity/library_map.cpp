// SPDX-License-Identifier: GPL-3.0-or-later
// The principal components are found one after the other: 60 rounds of v <- Xᵀ X v on the
// centred embeddings, the second kept orthogonal to the first; the start vector is fixed, so the
// same library always gets the same map (signs are fixed by the start too), from which the
// neighbourhood layout moves it.
#include "similarity/library_map.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "executor/worker_pool.hpp"
#include "similarity/unit_length.hpp"
#include "timbre/error.hpp"
#include "tracks/content_hash.hpp"

namespace timbre::host {

namespace {

using Matrix = std::vector<std::vector<double>>;

// The unit vector v maximising |X v| and orthogonal to `away` (if given).
std::vector<double> principal_direction(const Matrix& centred, std::size_t dimension, const std::vector<double>* away) {
    std::vector<double> v(dimension);
    for (std::size_t d = 0; d < dimension; ++d) {
        v[d] = 1.0 + static_cast<double>(d % 7) / 7.0;
    }
    const auto orthogonalise_and_normalise = [&](std::vector<double>& w) {
        if (away) {
            double dot = 0.0;
            for (std::size_t d = 0; d < dimension; ++d) {
                dot += w[d] * (*away)[d];
            }
            for (std::size_t d = 0; d < dimension; ++d) {
                w[d] -= dot * (*away)[d];
            }
        }
        scale_to_unit_length(w);
    };
    orthogonalise_and_normalise(v);
    for (int round = 0; round < 60; ++round) {
        std::vector<double> next(dimension, 0.0);
        for (const auto& row : centred) {
            double projection = 0.0;
            for (std::size_t d = 0; d < dimension; ++d) {
                projection += row[d] * v[d];
            }
            for (std::size_t d = 0; d < dimension; ++d) {
                next[d] += projection * row[d];
            }
        }
        orthogonalise_and_normalise(next);
        v = std::move(next);
    }
    return v;
}

Matrix centred_embeddings(const LibrarySimilarity& similarity) {
    const std::size_t n = similarity.members().size();
    Matrix centred;
    for (std::size_t member = 0; member < n; ++member) {
        const auto embedded = similarity.embedding(member);
        centred.emplace_back(embedded.begin(), embedded.end());
    }
    const std::size_t dimension = centred.front().size();
    std::vector<double> mean(dimension, 0.0);
    for (const auto& row : centred) {
        for (std::size_t d = 0; d < dimension; ++d) {
            mean[d] += row[d] / static_cast<double>(n);
        }
    }
    for (auto& row : centred) {
        for (std::size_t d = 0; d < dimension; ++d) {
            row[d] -= mean[d];
        }
    }
    return centred;
}

std::vector<MapPoint> principal_components(const Matrix& centred) {
    const std::size_t dimension = centred.front().size();
    const auto first = principal_direction(centred, dimension, nullptr);
    const auto second = principal_direction(centred, dimension, &first);
    std::vector<MapPoint> points;
    for (const auto& row : centred) {
        double x = 0.0, y = 0.0;
        for (std::size_t d = 0; d < dimension; ++d) {
            x += row[d] * first[d];
            y += row[d] * second[d];
        }
        points.push_back({static_cast<float>(x), static_cast<float>(y)});
    }
    return points;
}

// Each member's k nearest others under the library's similarity, on every core: among all
// members where the library is searched exactly, else among the 4k candidates its index
// proposes, ranked by the exact distance. (`similar` re-ranks 250: on 14,049 tracks, 40, 80 and
// 250 candidates put the same share of `similar`'s neighbours among a track's neighbours on
// the map, 61 %, and drawing took 4.2, 4.9 and 8.4 s.)
NeighbourGraph nearest_by_similarity(const LibrarySimilarity& similarity, std::size_t k) {
    const std::size_t n = similarity.members().size();
    NeighbourGraph graph;
    graph.k = std::min(k, n - 1);
    graph.neighbours.resize(n * graph.k);
    graph.distances.resize(n * graph.k);
    on_every_core(n, [&](std::size_t member) {
        std::vector<std::pair<double, std::size_t>> ranked;
        for (std::size_t other : similarity.neighbourhood(member, 4 * graph.k)) {
            if (other != member) {
                ranked.emplace_back(similarity.distance(member, other), other);
            }
        }
        const std::size_t keep = std::min(graph.k, ranked.size());
        std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end());
        // An index that proposed fewer than k others leaves the member its own neighbour, which
        // the layout passes over.
        const double farthest = keep > 0 ? ranked[keep - 1].first : 0.0;
        for (std::size_t j = 0; j < graph.k; ++j) {
            const bool found = j < keep;
            graph.neighbours[member * graph.k + j] = static_cast<std::uint32_t>(found ? ranked[j].second : member);
            graph.distances[member * graph.k + j] = static_cast<float>(found ? ranked[j].first : farthest);
        }
    });
    return graph;
}

// What a drawn map depends on beyond the mix (the cache's file name): which tracks, analysed
// when (a track row's id, path and content never change) and the reference sample their
// distances are normalised against, and the way it is drawn.
std::string library_fingerprint(const LibrarySimilarity& similarity) {
    const auto& tracks = similarity.catalogue().tracks();
    std::string text = "neighbourhood layout 1, k " + std::to_string(kMapNeighbours) + "\n";
    for (std::size_t track : similarity.members()) {
        text += std::to_string(tracks[track].id) + " " + tracks[track].content_hash + " " +
                tracks[track].path.string() + "\n";
    }
    text += "sample";
    for (std::size_t member : similarity.reference_sample()) {
        text += " " + std::to_string(tracks[similarity.members()[member]].id);
    }
    return hash_text(text);
}

// Where the earlier map put each member, a member new since at the mean place of its
// neighbours that were there (the layout's origin when none was); nullopt when fewer than half
// the members were on it, which would make it a poor start.
std::optional<EarlierLayout> earlier_places(const LibrarySimilarity& similarity, const NeighbourGraph& graph,
                                            const KeptMap& kept) {
    std::unordered_map<std::int64_t, MapPoint> place;
    for (const PlacedTrack& track : kept.tracks) {
        place[track.id] = track.point;
    }
    const std::size_t n = similarity.members().size();
    std::vector<MapPoint> points(n);
    std::vector<bool> placed(n, false);
    std::size_t known = 0;
    for (std::size_t member = 0; member < n; ++member) {
        const auto found = place.find(similarity.catalogue().tracks()[similarity.members()[member]].id);
        if (found != place.end()) {
            points[member] = found->second;
            placed[member] = true;
            ++known;
        }
    }
    if (2 * known < n) {
        return std::nullopt;
    }
    for (std::size_t member = 0; member < n; ++member) {
        if (placed[member]) {
            continue;
        }
        float x = 0.0f, y = 0.0f;
        std::size_t around = 0;
        for (std::size_t j = 0; j < graph.k; ++j) {
            const auto neighbour = graph.neighbours[member * graph.k + j];
            if (placed[neighbour]) {
                x += points[neighbour].x;
                y += points[neighbour].y;
                ++around;
            }
        }
        if (around > 0) {
            points[member] = {x / static_cast<float>(around), y / static_cast<float>(around)};
        }
    }
    return EarlierLayout{std::move(points), std::move(placed)};
}

// The principal components centred on the points' mean and scaled so that 95 % of them fill
// [-1, 1]²; the few beyond sit on its edge, rather than one outlier squeezing everyone else
// into a corner.
void fit_spread_to_square(std::vector<MapPoint>& points) {
    const std::size_t n = points.size();
    double mean_x = 0.0, mean_y = 0.0;
    for (const auto& point : points) {
        mean_x += point.x / static_cast<double>(n);
        mean_y += point.y / static_cast<double>(n);
    }
    std::vector<double> reaches;
    for (const auto& point : points) {
        reaches.push_back(std::max(std::abs(point.x - mean_x), std::abs(point.y - mean_y)));
    }
    const auto at = static_cast<std::size_t>(0.95 * static_cast<double>(n - 1));
    std::nth_element(reaches.begin(), reaches.begin() + static_cast<std::ptrdiff_t>(at), reaches.end());
    const double reach = reaches[at];
    for (auto& point : points) {
        point.x = reach > 0.0 ? std::clamp(static_cast<float>((point.x - mean_x) / reach), -1.0f, 1.0f) : 0.0f;
        point.y = reach > 0.0 ? std::clamp(static_cast<float>((point.y - mean_y) / reach), -1.0f, 1.0f) : 0.0f;
    }
}

// A layout whole, its bounding box centred and its longer side spanning [-1, 1]: the layout
// has no far outliers, only groups apart from the rest, which clamping would flatten.
void fit_bounds_to_square(std::vector<MapPoint>& points) {
    float low_x = points.front().x, high_x = low_x, low_y = points.front().y, high_y = low_y;
    for (const auto& point : points) {
        low_x = std::min(low_x, point.x);
        high_x = std::max(high_x, point.x);
        low_y = std::min(low_y, point.y);
        high_y = std::max(high_y, point.y);
    }
    const float reach = std::max(high_x - low_x, high_y - low_y) / 2.0f;
    for (auto& point : points) {
        point.x = reach > 0.0f ? std::clamp((point.x - (low_x + high_x) / 2.0f) / reach, -1.0f, 1.0f) : 0.0f;
        point.y = reach > 0.0f ? std::clamp((point.y - (low_y + high_y) / 2.0f) / reach, -1.0f, 1.0f) : 0.0f;
    }
}

}  // namespace

std::vector<MapPoint> library_map(const LibrarySimilarity& similarity, MapLayout layout) {
    const std::size_t n = similarity.members().size();
    if (n == 0) {
        return {};
    }
    std::vector<MapPoint> points;
    if (layout == MapLayout::principal_components || n < 3) {
        points = principal_components(centred_embeddings(similarity));
        fit_spread_to_square(points);
        return points;
    }
    const SimilarityCache* cache = similarity.cache();
    const std::string library = cache ? library_fingerprint(similarity) : std::string();
    const auto kept = cache ? cache->load_map() : std::nullopt;
    if (kept && kept->library == library && kept->tracks.size() == n) {
        for (const PlacedTrack& track : kept->tracks) {
            points.push_back(track.point);
        }
        fit_bounds_to_square(points);
        return points;
    }
    const NeighbourGraph graph = nearest_by_similarity(similarity, kMapNeighbours);
    if (auto earlier = kept ? earlier_places(similarity, graph, *kept) : std::nullopt) {
        points = settle_layout(graph, std::move(*earlier));
    } else {
        points = neighbour_layout(graph, principal_components(centred_embeddings(similarity)));
    }
    if (cache) {
        KeptMap drawn{library, {}};
        for (std::size_t member = 0; member < n; ++member) {
            drawn.tracks.push_back({similarity.catalogue().tracks()[similarity.members()[member]].id, points[member]});
        }
        try {
            cache->save_map(drawn);
        } catch (const Error& error) {
            spdlog::warn("{} (the next start will draw the map again)", error.what());
        }
    }
    fit_bounds_to_square(points);
    return points;
}

}  // namespace timbre::host
