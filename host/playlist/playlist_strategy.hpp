// SPDX-License-Identifier: GPL-3.0-or-later
// The playlist engine: from a library's similarity and its tracks' values, an ordered list
// of tracks, each with the reasons it is there. No I/O: the CLI and the web service are its
// callers. Deterministic for the same store, request and random seed.
//   nearest  radio from one or more seeds: the tracks closest to any seed
//   smooth   each step close to the previous track in sound, tempo (octave-aware), key
//            (Camelot wheel) and energy
//   path     from a seed to a destination in `length` steps through the similarity space
//   arc      along an energy curve (rise, fall, rise-fall = calm, energetic, calm, fall-rise)
//   diverse  maximal marginal relevance (Carbonell & Goldstein 1998): close to the seeds, far
//            from what is already chosen, traded off by `diversity`
// Rules for every strategy: filters on single tracks, no recording (content hash) twice, no
// artist twice within `artist_gap` tracks, a length and/or a duration target.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "playlist/ruled_members.hpp"
#include "playlist/track_filter.hpp"
#include "similarity/library_similarity.hpp"

namespace timbre::host {

enum class Strategy { nearest, smooth, path, arc, diverse };

// "nearest" -> Strategy::nearest; throws timbre::Error listing the strategies otherwise.
Strategy strategy_named(const std::string& name);

struct PlaylistRequest {
    Strategy strategy = Strategy::nearest;
    std::vector<std::size_t> seeds;           // catalogue indices; none: one is drawn with random_seed
    std::optional<std::size_t> destination;   // catalogue index; `path` needs it
    std::size_t length = 20;                  // at most this many tracks, seeds included
    std::optional<double> minutes;            // stop once the tracks last this long
    std::size_t artist_gap = 3;               // an artist recurs only after this many other tracks
    std::vector<TrackFilter> filters;
    std::string arc = "rise-fall";
    double diversity = 0.5;                   // `diverse`: weight of unlikeness to the chosen tracks, 0..1
    unsigned random_seed = 1;
};

struct PlaylistEntry {
    std::size_t track;                  // catalogue index
    std::vector<std::string> reasons;   // why it is here, most telling first
};

// Throws timbre::Error with one sentence for a request that cannot be met: a seed without a
// signature, `path` without a destination, or the filter that left no track.
std::vector<PlaylistEntry> make_playlist(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                         const PlaylistRequest& request);

// Why `other` is close to `track`: each metric's closeness, shared genre and mood, tempo and key.
std::vector<std::string> closeness_reasons(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                           std::size_t track, std::size_t other);

struct Neighbour {
    std::size_t track;                  // catalogue index
    double distance;                    // the library's mixed distance, 0..1
    std::vector<std::string> reasons;   // closeness_reasons
};

// The `count` tracks nearest to catalogue track `track` among the members `among` holds,
// nearest first, never another copy of its recording (same content hash) and never a
// visiting track (the library's own only), each with why. Throws timbre::Error for a track
// without the similarity signatures.
std::vector<Neighbour> similar_tracks(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                      std::size_t track, std::size_t count, const RuledMembers& among);

}  // namespace timbre::host
