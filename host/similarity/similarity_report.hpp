// SPDX-License-Identifier: GPL-3.0-or-later
// The figures of `timbre evaluate-similarity` for one metric: leave-one-out k-NN scores with
// and without neighbours of the same artist, with their 95 % intervals, and hubness, each
// before and after mutual proximity; written as JSON and Markdown like the classification
// reports. The JSON keeps each track's label and its neighbours' vote, which `timbre
// compare-models` pairs between two metrics.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ml/classification_report.hpp"
#include "similarity/neighbour_evaluation.hpp"

namespace timbre::host {

struct NormalisationFigures {
    std::string normalisation;       // "none" or "mutual proximity"
    NeighbourScores all;             // every other track may be a neighbour
    NeighbourScores group_filtered;  // none of the query's group (artist); tracks == 0 without groups
    Hubness hubs;
    NeighbourIntervals all_intervals;
    NeighbourIntervals group_filtered_intervals;  // zero without groups
    std::vector<ExampleAnswer> all_answers;       // each scored track's label and its neighbours' vote
    std::vector<ExampleAnswer> group_filtered_answers;
};

struct MetricFigures {
    std::string node;
    std::string plugin;
    std::size_t tracks = 0;
    std::size_t failed = 0;          // examples whose signature could not be computed
    std::size_t k = 5;
    std::string label;               // what agreement is measured on (genre, quadrant, ...)
    std::string group;               // the artist filter's column, or ""
    std::vector<NormalisationFigures> rows;
};

// Both normalisations' figures from a metric's raw distances and their mutual proximity
// (raw.mutual_proximity(), which the caller keeps for mixing hybrids); `identities` name the
// tracks in the answers kept (as many as `labels`).
MetricFigures evaluate_distances(const DistanceMatrix& raw, const DistanceMatrix& normalised,
                                 const std::vector<std::string>& labels, const std::vector<std::string>& groups,
                                 const std::vector<ExampleIdentity>& identities, std::size_t k);

// Writes `stem`.json and `stem`.md for every metric evaluated.
void write_similarity_report(const std::vector<MetricFigures>& metrics, const std::filesystem::path& stem);

}  // namespace timbre::host
