// SPDX-License-Identifier: GPL-3.0-or-later
// Every strategy is a greedy walk: at each step the candidate of lowest cost that the rules
// allow is appended. Costs mix the library's normalised distances (0..1) with transition
// terms on the same scale, so no one term dominates by its unit. In a library large enough to
// be indexed, a step considers the index's neighbourhood of its anchors (the seeds, the
// previous track, the destination) rather than every track.
#include "playlist/playlist_strategy.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "playlist/ruled_members.hpp"
#include "timbre/error.hpp"
#include "timbre/music/key_wheel.hpp"
#include "timbre/music/tempo_octaves.hpp"

namespace timbre::host {

namespace {

// Tracks of an indexed library a walk's step looks at around each of its anchors.
constexpr std::size_t kWalkNeighbourhood = 400;

std::string fixed(double value, int digits) {
    std::ostringstream out;
    out.precision(digits);
    out << std::fixed << value;
    return out.str();
}

// 0 for the same tempo or an octave apart, 1 from a tenth of an octave (about 7 %) on.
double tempo_step(const CatalogueTrack& a, const CatalogueTrack& b) {
    if (!a.bpm || !b.bpm) {
        return 0.5;
    }
    return std::min(1.0, music::folded_octaves(std::log2(*a.bpm / *b.bpm)) / 0.1);
}

// 0 for the same key, 1/7 per step on the Camelot wheel.
double key_step(const CatalogueTrack& a, const CatalogueTrack& b) {
    const auto ka = a.key ? music::camelot_key(*a.key) : std::nullopt;
    const auto kb = b.key ? music::camelot_key(*b.key) : std::nullopt;
    return ka && kb ? music::wheel_steps(*ka, *kb) / 7.0 : 0.5;
}

double energy_step(const CatalogueTrack& a, const CatalogueTrack& b) {
    return a.energy && b.energy ? std::min(1.0, std::abs(*a.energy - *b.energy)) : 0.5;
}

// The shape of an energy arc at position x in [0, 1], as a target in [0, 1].
double arc_target(const std::string& arc, double x) {
    if (arc == "rise") return x;
    if (arc == "fall") return 1.0 - x;
    if (arc == "fall-rise") return std::abs(2.0 * x - 1.0);
    return 1.0 - std::abs(2.0 * x - 1.0);  // rise-fall
}

class Walk {
public:
    Walk(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity, const PlaylistRequest& request,
         std::vector<std::size_t> pool)
        : catalogue_(catalogue), similarity_(similarity), request_(request), pool_(std::move(pool)) {}

    // Appends `track` (a member position) with its reasons.
    void add(std::size_t member, std::vector<std::string> reasons) {
        const auto& track = catalogue_.tracks()[similarity_.members()[member]];
        chosen_.push_back(member);
        recordings_.insert(track.recording);
        seconds_ += track.duration_seconds;
        entries_.push_back({similarity_.members()[member], std::move(reasons)});
    }

    bool full() const {
        return entries_.size() >= request_.length || (request_.minutes && seconds_ >= *request_.minutes * 60.0);
    }

    bool allowed(std::size_t member) const {
        const auto& track = catalogue_.tracks()[similarity_.members()[member]];
        if (std::find(chosen_.begin(), chosen_.end(), member) != chosen_.end() || recordings_.contains(track.recording)) {
            return false;
        }
        if (track.artist.empty()) {
            return true;
        }
        const std::size_t recent = std::min(request_.artist_gap, chosen_.size());
        for (std::size_t k = chosen_.size() - recent; k < chosen_.size(); ++k) {
            if (catalogue_.tracks()[similarity_.members()[chosen_[k]]].artist == track.artist) {
                return false;
            }
        }
        return true;
    }

    // The allowed pool member of lowest cost(member) near one of `anchors` (in an indexed
    // library; anywhere in a small one), or nullopt when none is left.
    std::optional<std::size_t> cheapest(const std::function<double(std::size_t)>& cost,
                                        const std::vector<std::size_t>& anchors) const {
        std::optional<std::size_t> best;
        double best_cost = std::numeric_limits<double>::infinity();
        for (std::size_t member : candidates(anchors)) {
            if (!allowed(member)) {
                continue;
            }
            const double c = cost(member);
            if (c < best_cost) {
                best_cost = c;
                best = member;
            }
        }
        return best;
    }

    // Remembered: a step asks again for the distances the previous steps asked for (to the
    // seeds, to the destination), and each costs one distance per metric.
    double distance(std::size_t a, std::size_t b) const {
        const auto key = std::minmax(a, b);
        const auto [at, added] = distances_.try_emplace(key.first * similarity_.members().size() + key.second, 0.0);
        if (added) {
            at->second = similarity_.distance(a, b);
        }
        return at->second;
    }
    const CatalogueTrack& track(std::size_t member) const { return catalogue_.tracks()[similarity_.members()[member]]; }
    std::size_t last() const { return chosen_.back(); }
    const std::vector<std::size_t>& chosen() const { return chosen_; }
    std::size_t size() const { return chosen_.size(); }
    const std::vector<std::size_t>& pool() const { return pool_; }
    std::vector<PlaylistEntry> entries() && { return std::move(entries_); }

private:
    // The pool, or in an indexed library the pool members among the anchors' neighbourhoods.
    std::vector<std::size_t> candidates(const std::vector<std::size_t>& anchors) const {
        if (!similarity_.indexed() || pool_.size() <= kWalkNeighbourhood) {
            return pool_;
        }
        std::set<std::size_t> near;
        for (std::size_t anchor : anchors) {
            for (std::size_t member : similarity_.neighbourhood(anchor, kWalkNeighbourhood)) {
                near.insert(member);
            }
        }
        std::vector<std::size_t> found;
        std::set_intersection(near.begin(), near.end(), pool_.begin(), pool_.end(), std::back_inserter(found));
        return found;
    }

    const TrackCatalogue& catalogue_;
    const LibrarySimilarity& similarity_;
    const PlaylistRequest& request_;
    std::vector<std::size_t> pool_;
    std::vector<std::size_t> chosen_;
    std::set<std::size_t> recordings_;  // of the chosen tracks: a recording plays once
    mutable std::unordered_map<std::size_t, double> distances_;
    double seconds_ = 0.0;
    std::vector<PlaylistEntry> entries_;
};

std::size_t member_of(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity, std::size_t track) {
    const auto member = similarity.position(track);
    if (!member) {
        std::string missing;
        for (const auto& node : similarity.missing_signatures(track)) {
            missing += (missing.empty() ? "'" : ", '") + node + "'";
        }
        throw Error("track '" + catalogue.tracks()[track].path.string() + "' has no signature of metric " + missing +
                    ": its pipeline lacks that node, or the node was skipped on it (the analysis log says why, "
                    "e.g. a clip too short for a Gaussian)");
    }
    return *member;
}

}  // namespace

Strategy strategy_named(const std::string& name) {
    if (name == "nearest") return Strategy::nearest;
    if (name == "smooth") return Strategy::smooth;
    if (name == "path") return Strategy::path;
    if (name == "arc") return Strategy::arc;
    if (name == "diverse") return Strategy::diverse;
    throw Error("--strategy " + name + ": expected nearest, smooth, path, arc or diverse");
}

std::vector<std::string> closeness_reasons(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                           std::size_t track, std::size_t other) {
    const auto& a = catalogue.tracks()[track];
    const auto& b = catalogue.tracks()[other];
    std::vector<std::string> reasons;
    const auto pa = similarity.position(track), pb = similarity.position(other);
    if (pa && pb) {
        std::vector<std::pair<double, std::string>> metrics;
        for (const auto& [node, distance] : similarity.metric_distances(*pa, *pb)) {
            metrics.emplace_back(distance, node);
        }
        std::sort(metrics.begin(), metrics.end());
        std::string closeness;
        for (const auto& [distance, node] : metrics) {
            closeness += (closeness.empty() ? "" : ", ") + node + " " + fixed(1.0 - distance, 2);
        }
        reasons.push_back("closeness by metric (1 = closest): " + closeness);
    }
    for (const char* answer : {"genre", "mood"}) {
        const std::string label = a.label(answer);
        if (!label.empty() && label == b.label(answer)) {
            reasons.push_back(std::string("same ") + answer + ": " + label);
        }
    }
    if (a.bpm && b.bpm) {
        reasons.push_back("tempo " + fixed(*a.bpm, 0) + " → " + fixed(*b.bpm, 0) + " BPM" +
                          (tempo_step(a, b) < 0.3 ? " (matched)" : ""));
    }
    const auto ka = a.key ? music::camelot_key(*a.key) : std::nullopt;
    const auto kb = b.key ? music::camelot_key(*b.key) : std::nullopt;
    if (ka && kb) {
        const int steps = music::wheel_steps(*ka, *kb);
        reasons.push_back("key " + ka->code() + " → " + kb->code() +
                          (steps == 0 ? " (same)" : steps == 1 ? " (neighbours on the wheel)" : ""));
    }
    return reasons;
}

std::vector<Neighbour> similar_tracks(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                      std::size_t track, std::size_t count, const RuledMembers& among) {
    const std::size_t member = member_of(catalogue, similarity, track);
    const std::size_t recording = catalogue.tracks()[track].recording;
    std::vector<Neighbour> neighbours;
    for (std::size_t other : similarity.nearest(member, count, [&](std::size_t candidate) {
             const CatalogueTrack& other = catalogue.tracks()[similarity.members()[candidate]];
             return other.recording != recording && !other.visiting() && among.contains(candidate);
         })) {
        const std::size_t other_track = similarity.members()[other];
        neighbours.push_back({other_track, similarity.distance(member, other),
                              closeness_reasons(catalogue, similarity, track, other_track)});
    }
    return neighbours;
}

std::vector<PlaylistEntry> make_playlist(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                         const PlaylistRequest& request) {
    if (request.length == 0 && !request.minutes) {
        throw Error("a playlist needs --length N or --minutes M");
    }
    if (!(request.diversity >= 0.0 && request.diversity <= 1.0)) {
        throw Error("--diversity must be between 0 (as near the seeds as possible) and 1 (as varied as possible)");
    }
    if (request.strategy == Strategy::path && (!request.destination || request.seeds.size() != 1)) {
        throw Error("--strategy path goes from one --seed to a destination given with --to");
    }
    if (similarity.members().empty()) {
        throw Error("the store has no analysed track with the chosen similarity signatures");
    }
    std::vector<std::size_t> pool = RuledMembers(catalogue, similarity, request.filters).members();
    if (request.strategy == Strategy::arc) {
        std::erase_if(pool, [&](std::size_t member) { return !catalogue.tracks()[similarity.members()[member]].energy; });
        if (pool.empty()) {
            throw Error("--strategy arc follows energy, and no remaining track has an energy value (analyse with "
                        "timbre.descriptors in the pipeline)");
        }
    }
    std::vector<std::size_t> seeds;
    for (std::size_t track : request.seeds) {
        seeds.push_back(member_of(catalogue, similarity, track));
    }
    Walk walk(catalogue, similarity, request, pool);
    if (seeds.empty()) {
        std::mt19937 generator(request.random_seed);
        seeds.push_back(pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(generator)]);
    }
    const auto nearest_seed = [&](std::size_t member) {
        double best = 2.0;
        for (std::size_t seed : seeds) {
            best = std::min(best, walk.distance(seed, member));
        }
        return best;
    };
    const auto reasons_from = [&](std::size_t from, std::size_t member) {
        return closeness_reasons(catalogue, similarity, similarity.members()[from], similarity.members()[member]);
    };
    for (std::size_t seed : seeds) {
        if (!walk.full() && walk.allowed(seed)) {
            walk.add(seed, {"seed"});
        }
    }
    const std::size_t target_length = request.length;
    std::optional<std::size_t> destination;
    if (request.destination) {
        destination = member_of(catalogue, similarity, *request.destination);
    }
    while (!walk.full()) {
        std::optional<std::size_t> next;
        std::string why;
        const std::size_t step = walk.size();
        switch (request.strategy) {
        case Strategy::nearest:
            next = walk.cheapest(nearest_seed, seeds);
            why = "near the seeds";
            break;
        case Strategy::diverse:
            // Maximal marginal relevance: close to the seeds, unlike every track chosen.
            next = walk.cheapest([&](std::size_t member) {
                double likeness = 0.0;
                for (std::size_t chosen : walk.chosen()) {
                    likeness = std::max(likeness, 1.0 - walk.distance(chosen, member));
                }
                return (1.0 - request.diversity) * nearest_seed(member) + request.diversity * likeness;
            }, seeds);
            why = "near the seeds, unlike what came before";
            break;
        case Strategy::smooth: {
            const std::size_t previous = walk.last();
            next = walk.cheapest([&](std::size_t member) {
                const auto& a = walk.track(previous);
                const auto& b = walk.track(member);
                return walk.distance(previous, member) +
                       0.5 * (tempo_step(a, b) + key_step(a, b) + energy_step(a, b)) / 3.0;
            }, {previous});
            why = "a smooth step from the previous track";
            break;
        }
        case Strategy::path: {
            const std::size_t previous = walk.last();
            const std::size_t remaining = target_length > step ? target_length - step : 1;
            if (remaining <= 1) {
                next = walk.allowed(*destination) ? destination : walk.cheapest([&](std::size_t member) {
                    return walk.distance(*destination, member);
                }, {*destination});
                why = "the destination";
                break;
            }
            const double progress = static_cast<double>(step) / static_cast<double>(target_length - 1);
            next = walk.cheapest([&](std::size_t member) {
                if (member == *destination) {
                    return std::numeric_limits<double>::infinity();
                }
                return (1.0 - progress) * walk.distance(seeds.front(), member) + progress * walk.distance(member, *destination) +
                       0.5 * walk.distance(previous, member);
            }, {previous, *destination});
            why = "on the way from the seed to the destination (" + fixed(100.0 * progress, 0) + " %)";
            break;
        }
        case Strategy::arc: {
            const std::size_t previous = walk.last();
            double low = 1.0, high = 0.0;
            for (std::size_t member : walk.pool()) {
                low = std::min(low, *walk.track(member).energy);
                high = std::max(high, *walk.track(member).energy);
            }
            const double x = target_length > 1 ? static_cast<double>(step) / static_cast<double>(target_length - 1) : 0.0;
            const double target = low + (high - low) * arc_target(request.arc, x);
            next = walk.cheapest([&](std::size_t member) {
                return std::abs(*walk.track(member).energy - target) / std::max(high - low, 1e-9) +
                       0.5 * walk.distance(previous, member);
            }, {previous});
            why = "energy " + fixed(target, 2) + " wanted on the " + request.arc + " arc";
            break;
        }
        }
        if (!next) {
            break;  // the rules allow no further track: the list is as long as the library permits
        }
        std::vector<std::string> reasons{why};
        const std::size_t from = request.strategy == Strategy::nearest || request.strategy == Strategy::diverse
                                     ? *std::min_element(seeds.begin(), seeds.end(),
                                                         [&](std::size_t a, std::size_t b) {
                                                             return walk.distance(a, *next) < walk.distance(b, *next);
                                                         })
                                     : walk.last();
        for (auto& reason : reasons_from(from, *next)) {
            reasons.push_back(std::move(reason));
        }
        walk.add(*next, std::move(reasons));
    }
    return std::move(walk).entries();
}

}  // namespace timbre::host
