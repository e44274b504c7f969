// SPDX-License-Identifier: GPL-3.0-or-later
// The similarity of a store's tracks under the metrics a user chose: what `similar`,
// `playlist`, `playlists` and the web service all ask for distances, so they cannot disagree.
// Each metric's distance is normalised by mutual proximity, several metrics are mixed by
// weight and the mix is normalised again. Each track's proximity scales come from its
// distances to a reference sample of the library (all of it up to `reference_sample` tracks,
// where the result is exact), so no n × n matrix is ever held; they are cached beside the
// store and only new tracks are scaled. Above `exact_below` tracks an HNSW index over a joint
// embedding finds candidates that the exact distances re-rank.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "similarity/distance_matrix.hpp"
#include "similarity/embedding_table.hpp"
#include "similarity/joint_embedding.hpp"
#include "similarity/neighbour_index.hpp"
#include "similarity/proximity_scale.hpp"
#include "similarity/similarity_cache.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

struct MetricWeight {
    std::string node;
    double weight = 1.0;
};

// A metric ready to compare: its node, its weight in the mix, the plugin configured as the
// pipeline that stored its signatures configured it (owned by the caller), and that node's
// configuration as one canonical line (what the cache beside the store is keyed by).
struct WeightedMetric {
    MetricWeight choice;
    SimilarityMetric* metric = nullptr;
    std::string made_by;
};

// "timbre:2,stats:1" or "timbre" -> weights; "" -> `configured` (the `similarity:` mix of
// the config that made the signatures) if it names only stored metrics, else every metric
// the store has, weight 1. Throws timbre::Error naming an unknown metric and listing the store's.
std::vector<MetricWeight> parse_metric_weights(const std::string& text, const TrackCatalogue& catalogue,
                                               const std::vector<MetricWeight>& configured = {});

struct SearchSettings {
    std::size_t exact_below = 2000;       // libraries up to this size are searched exactly
    std::size_t reference_sample = 1000;  // tracks each track's proximity scales are measured against
    // Candidates the index proposes for a query of up to 10 neighbours (this many / 10 per
    // neighbour beyond), re-ranked exactly. Recall@10 against exact search with 250 (400):
    // 98.7 % (99.3) on 10,215 tracks with the shipped five-metric mix, 96.5 % (97.7) on 9,462
    // and 96.0 % (96.5) on 1,577 with three metrics; each query costs about half (docs/benchmarks.md).
    std::size_t candidates = 250;
};

// What opening the similarity cost, for `analyze` and `--verbose` to report.
struct SimilarityUpkeep {
    std::size_t scaled = 0;    // tracks whose proximity scales were computed now
    std::size_t indexed = 0;   // tracks added to the index now
    bool resampled = false;    // the reference sample was (re)drawn, so every track was scaled
};

class LibrarySimilarity {
public:
    // `cache_store`: the results store whose `.similarity` folder keeps scales and index
    // (nullopt: compute, keep nothing). Throws timbre::Error from a metric that cannot compare
    // the stored signatures, naming it and the two tracks.
    LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics,
                      const std::optional<std::filesystem::path>& cache_store, SearchSettings settings = {});
    // The similarity of `catalogue`, `library`'s catalogue with visitors admitted
    // (TrackCatalogue::admitting), under fresh instances of `library`'s metrics: above the
    // reference sample's size the library's sample, scales, joint embedding and index are
    // borrowed (answers are those of opening it from `cache_store`, without reading it), and
    // only the visitors are scaled; a smaller library is opened from `cache_store`. `library`
    // must outlive this.
    LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics,
                      const LibrarySimilarity& library, const std::optional<std::filesystem::path>& cache_store);
    ~LibrarySimilarity();

    // Catalogue indices of the tracks that have every chosen signature ("members"), in order.
    const std::vector<std::size_t>& members() const { return members_; }
    // The catalogue tracks that lack a signature (analysed by a pipeline without the metric).
    std::size_t unsigned_tracks() const { return unsigned_; }
    // The member position of catalogue track `track`, or nullopt.
    std::optional<std::size_t> position(std::size_t track) const;
    // The chosen metrics (by node) whose signature catalogue track `track` lacks.
    std::vector<std::string> missing_signatures(std::size_t track) const;
    const SimilarityUpkeep& upkeep() const { return upkeep_; }
    bool indexed() const { return index_ != nullptr; }

    // The mixed distance of two members: 0 = most alike, 1 = least.
    double distance(std::size_t a, std::size_t b) const;
    // Each metric's normalised distance of two members, by node, for saying what made them close.
    std::vector<std::pair<std::string, double>> metric_distances(std::size_t a, std::size_t b) const;

    // The k members nearest to `query` (never itself) that `allowed` accepts, nearest first;
    // ties by position, so results are deterministic. Exact up to `exact_below` members;
    // above, the index's candidates (widened until k are allowed) re-ranked exactly.
    std::vector<std::size_t> nearest(std::size_t query, std::size_t k,
                                     const std::function<bool(std::size_t)>& allowed) const;

    // The members a walk from `query` should consider: all of them in an exactly searched
    // library, else about `count` of the nearest by the index and the visitors (unranked).
    std::vector<std::size_t> neighbourhood(std::size_t query, std::size_t count) const;

    // The reference sample (member positions): a uniform sample of the library.
    const std::vector<std::size_t>& reference_sample() const { return sample_; }

    // A member's joint embedding (what the index holds, read from it where it holds the
    // member): Euclidean distances between embeddings rank pairs roughly as distance() does,
    // e.g. for drawing a map of the library.
    std::vector<float> embedding(std::size_t member) const;

    const TrackCatalogue& catalogue() const { return catalogue_; }
    // The cache beside the store that keeps this mix's state (nullptr when nothing is kept).
    const SimilarityCache* cache() const { return cache_ ? &*cache_ : nullptr; }

private:
    // Finds the members (and the visitors among them) and the sum of the weights.
    void find_members();
    // Fits the metrics to the reference sample and lays out the embedding tables.
    void fit_metrics();
    // Takes the sample, scales, joint embedding and index of `library`; scales the visitors.
    void borrow(const LibrarySimilarity& library);
    // Reads what the cache beside the store keeps, measures and indexes the rest.
    void open(const std::optional<std::filesystem::path>& cache_store);
    // The joint embedding made from the member's signatures.
    std::vector<float> joint_embedding_of(std::size_t member) const;
    // A member's signature under a metric, read from the cache beside the store when first asked for.
    const Vector& signature(std::size_t metric, std::size_t member) const;
    double raw(std::size_t metric, std::size_t a, std::size_t b) const;
    double normalised(std::size_t metric, std::size_t a, std::size_t b) const;
    std::vector<ProximityScale> measure_scales(std::size_t member) const;
    void scale_members(const std::vector<std::size_t>& todo);
    void keep_index(const std::optional<std::filesystem::path>& cache_store, bool fresh_sample);

    const TrackCatalogue& catalogue_;
    std::vector<WeightedMetric> metrics_;
    double weight_sum_ = 0.0;
    SearchSettings settings_;
    std::vector<std::size_t> members_;
    std::unordered_map<std::int64_t, std::size_t> member_by_id_;
    std::size_t unsigned_ = 0;
    std::vector<const SignatureColumn*> columns_;  // [metric]: its signatures, held by the catalogue
    std::vector<std::optional<EmbeddingTable>> tables_;   // [metric]: for vector-space metrics
    std::vector<std::size_t> sample_;
    std::vector<std::vector<ProximityScale>> scales_;  // [member][metric, then the mix's]
    std::vector<std::size_t> visitors_;  // member positions of visiting tracks, which the index never holds
    std::shared_ptr<const JointEmbedding> embedding_;  // shared with similarities that borrow it
    std::shared_ptr<const NeighbourIndex> index_;
    std::optional<SimilarityCache> cache_;
    SimilarityUpkeep upkeep_;
};

}  // namespace timbre::host
