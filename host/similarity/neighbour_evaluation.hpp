// SPDX-License-Identifier: GPL-3.0-or-later
// How well a distance relates a library the way listeners do, measured as in the music
// similarity literature (and as Musly's evaluation does): leave one track out, look at its k
// nearest neighbours, and ask whether their labels (genre, mood) agree with its own.
// Optionally neighbours of the same artist are not counted, since an artist's own tracks
// make any metric look good (the "artist filter" of Pampalk and Flexer).
#pragma once

#include <string>
#include <vector>

#include "ml/confidence_interval.hpp"
#include "similarity/distance_matrix.hpp"

namespace timbre::host {

// What one track's k nearest neighbours said about it.
struct NeighbourVote {
    std::size_t query = 0;   // the track's index
    std::string label;       // the label its k nearest voted for
    bool right = false;      // that label is the track's own
    double agreement = 0.0;  // share of its k nearest with the track's own label
};

struct NeighbourScores {
    std::size_t tracks = 0;          // tracks that had k neighbours to vote
    std::size_t correct = 0;         // of them, tracks whose k nearest voted for their label
    double accuracy = 0.0;           // the majority label of the k nearest equals the track's
    double precision_at_k = 0.0;     // agreement, averaged over the tracks
    std::vector<NeighbourVote> votes;  // of the `tracks`, in track order
};

// How far the two figures could move on another sample of tracks like these: accuracy's
// exact binomial interval, precision@k's bootstrap over the tracks; where the tracks come in
// groups (artists), both bootstrapped over the groups (ml/confidence_interval.hpp). Beyond
// that they treat the queries as independent, which neighbours shared between them make
// slightly optimistic.
struct NeighbourIntervals {
    ConfidenceInterval accuracy;
    ConfidenceInterval precision_at_k;
    std::size_t groups = 0;  // the groups the bootstrap drew whole; 0: each track alone
};

// `groups` names each track's group (all the tracks, as leave_one_out_scores takes them), or
// is empty where they have none. Throws timbre::Error for scores of no tracks.
NeighbourIntervals intervals_of(const NeighbourScores& scores, const std::vector<std::string>& groups);

// With `groups` non-empty, neighbours in the query's group are skipped. A tie between
// labels goes to the one whose nearest member is nearer.
NeighbourScores leave_one_out_scores(const DistanceMatrix& distances, const std::vector<std::string>& labels,
                                     const std::vector<std::string>& groups, std::size_t k);

// Hubness: how unevenly tracks appear in others' k-nearest lists. A hub appears in many,
// an orphan in none; both make similarity lists and playlists repetitive.
struct Hubness {
    std::size_t k = 10;
    double skewness = 0.0;        // of the k-occurrence counts; 0 = symmetric, > 1 = strong hubs
    double orphan_share = 0.0;    // tracks in no other track's k nearest
    std::size_t largest = 0;      // the most any one track occurs
};

Hubness hubness(const DistanceMatrix& distances, std::size_t k);

}  // namespace timbre::host
