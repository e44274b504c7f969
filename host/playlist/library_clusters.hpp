// SPDX-License-Identifier: GPL-3.0-or-later
// Automatic playlists: a library cut into k groups of tracks that sound alike (k-medoids on
// the library's mixed similarity distances), each ordered from its most central track
// outwards and named from what its members share, e.g. "calm / relaxed electronic, 93-120 BPM",
// or, where they share nothing the store knows, by the central track ("like Artist - Title"),
// which also tells apart two playlists that would have one name.
#pragma once

#include <string>
#include <vector>

#include "playlist/ruled_members.hpp"
#include "similarity/library_similarity.hpp"

namespace timbre::host {

struct LibraryCluster {
    std::string name;
    std::vector<std::size_t> tracks;  // catalogue indices, the medoid first, then by distance to it
};

// The mood and the genre (in that order, "calm / relaxed classical") that at least half of
// `tracks` (catalogue indices) share; either left out when no label is shared so widely, "" for
// neither. What names an automatic playlist or a region of the web page's map.
std::string shared_mood_and_genre(const TrackCatalogue& catalogue, const std::vector<std::size_t>& tracks);

// The tracks `among` holds (every member when no rule was given) cut into playlists.
// Deterministic: on a sample of them (the reference sample when no rule left a track out,
// else all of them, or as many as the reference sample holds spread evenly over them), the first
// medoid is the most central track, each next one the track that brings the sample nearest
// to its medoids (PAM's BUILD), then members are reassigned and medoids re-chosen until
// nothing changes (at most 50 rounds); then every track `among` holds joins its nearest
// medoid. At most `count` playlists (fewer when tracks share signatures). Throws
// timbre::Error when there are fewer tracks than playlists asked for.
std::vector<LibraryCluster> cluster_library(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                            std::size_t count, const RuledMembers& among);

}  // namespace timbre::host
