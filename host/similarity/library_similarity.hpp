// The similarity of a store's tracks under the metrics a user chose: each metric's distances
// are normalised by mutual proximity, and several metrics are mixed by weight. What `similar`,
// `playlist` and the web service all ask for distances, so they cannot disagree.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "similarity/distance_matrix.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

struct MetricWeight {
    std::string node;
    double weight = 1.0;
};

// A metric ready to compare: its node, its weight in the mix, and the plugin configured as the
// pipeline that stored its signatures configured it (owned by the caller).
struct WeightedMetric {
    MetricWeight choice;
    SimilarityMetric* metric = nullptr;
};

// "timbre:2,stats:1" or "timbre" -> weights; "" -> `configured` (the `similarity:` mix of
// the config that made the signatures) if it names only stored metrics, else every metric
// the store has, weight 1. Throws timbre::Error naming an unknown metric and listing the store's.
std::vector<MetricWeight> parse_metric_weights(const std::string& text, const TrackCatalogue& catalogue,
                                               const std::vector<MetricWeight>& configured = {});

class LibrarySimilarity {
public:
    // Throws timbre::Error from a metric that cannot compare the stored signatures.
    LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics);

    // Catalogue indices of the tracks that have every chosen signature, in matrix order.
    const std::vector<std::size_t>& members() const { return members_; }
    // The catalogue tracks that lack a signature (analysed by a pipeline without the metric).
    std::size_t unsigned_tracks() const { return unsigned_; }
    // Mixed distances between members (0 = most alike, 1 = least): one metric's normalised
    // distances, or the weighted mean of several, normalised again.
    const DistanceMatrix& distances() const { return mixed_; }
    // Each metric's normalised distances, for saying what made two tracks close.
    const std::map<std::string, DistanceMatrix>& by_metric() const { return by_metric_; }
    // The member position of catalogue track `track`, or nullopt.
    std::optional<std::size_t> position(std::size_t track) const;

private:
    std::vector<std::size_t> members_;
    std::size_t unsigned_ = 0;
    std::map<std::string, DistanceMatrix> by_metric_;
    DistanceMatrix mixed_;
};

}  // namespace timbre::host
