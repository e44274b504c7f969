// SPDX-License-Identifier: GPL-3.0-or-later
// The similarity metrics of a results store, loaded for a command: each metric's plugin is
// rebuilt from the config text the store recorded for the run that made its signatures
// (parsed and checked as `analyze` did), so its parameters are the ones the signatures were
// made with. Owns the pipelines, registries and instances for as long as they are used.
// StoreSimilarity puts the store's library, metrics and similarity together for a command;
// RemixedSimilarity adds another mix over the same library.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/pipeline_loading.hpp"
#include "similarity/library_similarity.hpp"
#include "similarity/metric_node.hpp"

namespace timbre::host {

class StoreMetrics {
public:
    StoreMetrics(const TrackCatalogue& catalogue, const std::vector<MetricWeight>& choices,
                 const std::vector<std::string>& plugin_paths);
    // Fresh instances of the same metrics, configured from the pipelines `loaded` read (which
    // both then share): a similarity fits its instances to its own library, so one with
    // visitors admitted must not fit those the library's similarity is comparing with, and
    // reading and checking the pipelines again is most of a service's comparison.
    static StoreMetrics instantiated_again(const StoreMetrics& loaded);
    const std::vector<WeightedMetric>& weighted() const { return weighted_; }

private:
    StoreMetrics() = default;
    void instantiate(const LoadedPipeline& pipeline, const MetricWeight& choice, const std::string& made_by);

    std::shared_ptr<const std::vector<LoadedPipeline>> pipelines_;  // one per config that stored a chosen metric
    std::vector<std::size_t> pipeline_of_;                           // [metric]: its index in pipelines_
    std::vector<std::unique_ptr<MetricInstance>> instances_;
    std::vector<WeightedMetric> weighted_;
};

// A store's library and its similarity under a mix of its metrics ("timbre:2,stats:1"; empty
// = the `similarity:` mix of the config that made the signatures, else every metric, equally),
// as `similar`, the playlist commands and `analyze` open it, with the files among
// `visiting` that the store lacks analysed for this command only (admit_named_files). Warns
// about tracks left out for lacking a signature. Throws timbre::Error for an empty store or
// an unusable metric.
struct StoreSimilarity {
    StoreSimilarity(const std::filesystem::path& store, const std::string& metric_mix,
                    const std::vector<std::string>& plugin_paths, SearchSettings settings = {},
                    const std::vector<std::string>& visiting = {});
    // `library` (a service's, opened from `store` before) with `visitors` (visitors_of) admitted
    // to a copy of its catalogue, under the same mix: the store's tracks and signatures are not
    // read again, nor the metrics' pipelines (StoreMetrics::instantiated_again), nor, in a large
    // library, what the similarity keeps beside the store (LibrarySimilarity's borrowing
    // constructor). `library` must outlive this.
    StoreSimilarity(const StoreSimilarity& library, const TrackCatalogue& visitors, const std::filesystem::path& store);
    StoreSimilarity(const StoreSimilarity&) = delete;  // the similarity refers to the catalogue
    StoreSimilarity& operator=(const StoreSimilarity&) = delete;

    TrackCatalogue catalogue;
    std::unique_ptr<LibrarySimilarity> similarity;

private:
    // Loads the metrics and opens the similarity of `catalogue`, once it holds its visitors.
    void compare(const std::filesystem::path& store, const std::string& metric_mix,
                 const std::vector<std::string>& plugin_paths, SearchSettings settings);
    void warn_about_unsigned() const;

    std::unique_ptr<StoreMetrics> metrics_;
};

// The library of an opened catalogue under another mix of its metrics (the web page's tracks
// alike in mood beside those alike in sound), the catalogue shared, not read again; it must
// outlive this. Throws timbre::Error as StoreSimilarity does.
struct RemixedSimilarity {
    RemixedSimilarity(const TrackCatalogue& catalogue, const std::filesystem::path& store,
                      const std::string& metric_mix, const std::vector<std::string>& plugin_paths);
    // The same mix as `mix` over `catalogue` (that library with visitors admitted), its metrics
    // instantiated again from the pipelines `mix` loaded, borrowing from its similarity as
    // StoreSimilarity's visiting constructor does. `mix` must outlive this.
    RemixedSimilarity(const RemixedSimilarity& mix, const TrackCatalogue& catalogue, const std::filesystem::path& store);

    StoreMetrics metrics;
    LibrarySimilarity similarity;
};

}  // namespace timbre::host
