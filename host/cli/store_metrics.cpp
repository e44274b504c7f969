// SPDX-License-Identifier: GPL-3.0-or-later
// Pipelines are kept in a vector of values whose registries live on the heap, so the graph
// and instances that point into them stay valid as the vector grows; the vector is shared
// with the metrics instantiated again from it, so it lives as long as the last of them.
// Metrics stored by the same run share its pipeline: a mix of seven metrics from one config
// reads and checks that config once, not seven times.
#include "cli/store_metrics.hpp"

#include <spdlog/spdlog.h>

#include <map>
#include <utility>

#include "cli/named_file_addition.hpp"
#include "graph/pipeline_config.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

StoreMetrics::StoreMetrics(const TrackCatalogue& catalogue, const std::vector<MetricWeight>& choices,
                           const std::vector<std::string>& plugin_paths) {
    auto pipelines = std::make_shared<std::vector<LoadedPipeline>>();
    pipelines->reserve(choices.size());
    std::map<std::pair<std::string, std::string>, std::size_t> loaded;  // (config path, text) -> pipeline
    for (const auto& choice : choices) {
        const auto run = catalogue.config_of(choice.node);
        const auto [at, first] = loaded.try_emplace({run.config_path, run.config_text}, pipelines->size());
        if (first) {
            pipelines->push_back(load_pipeline_text(run.config_text, run.config_path, plugin_paths));
        }
        pipeline_of_.push_back(at->second);
        const LoadedPipeline& pipeline = (*pipelines)[at->second];
        // The node must still be what made the stored signatures (an included file may have
        // changed since): compare its canonical line with the one the run recorded.
        const auto line_of = [&](const std::string& text) {
            const auto start = text.find("\n" + choice.node + "=");
            return start == std::string::npos ? std::string() : text.substr(start, text.find('\n', start + 1) - start);
        };
        if (line_of(pipeline.graph->canonical_text()) != line_of(run.pipeline_text)) {
            throw Error("similarity node '" + choice.node + "' of " + run.config_path +
                        " is not what made the store's signatures (the config or a plugin changed since); analyse "
                        "the library again with it");
        }
        instantiate(pipeline, choice, line_of(run.pipeline_text));
    }
    pipelines_ = std::move(pipelines);
}

StoreMetrics StoreMetrics::instantiated_again(const StoreMetrics& loaded) {
    StoreMetrics again;
    again.pipelines_ = loaded.pipelines_;
    again.pipeline_of_ = loaded.pipeline_of_;
    for (std::size_t m = 0; m < loaded.weighted_.size(); ++m) {
        again.instantiate((*loaded.pipelines_)[loaded.pipeline_of_[m]], loaded.weighted_[m].choice,
                          loaded.weighted_[m].made_by);
    }
    return again;
}

void StoreMetrics::instantiate(const LoadedPipeline& pipeline, const MetricWeight& choice, const std::string& made_by) {
    instances_.push_back(
        std::make_unique<MetricInstance>(similarity_node(*pipeline.graph, choice.node), *pipeline.registry));
    weighted_.push_back({choice, &instances_.back()->metric(), made_by});
}

namespace {

// The `similarity:` mix of the config that stored the store's first metric, if it has one.
std::vector<MetricWeight> configured_mix(const TrackCatalogue& catalogue) {
    const auto nodes = catalogue.signature_nodes();
    if (nodes.empty()) {
        return {};
    }
    const auto run = catalogue.config_of(nodes.front());
    std::vector<Diagnostic> ignored;
    std::vector<MetricWeight> mix;
    for (const auto& [node, weight] : parse_pipeline(run.config_text, run.config_path, ignored).similarity_weights) {
        mix.push_back({node, weight.first});
    }
    return mix;
}

}  // namespace

StoreSimilarity::StoreSimilarity(const std::filesystem::path& store, const std::string& metric_mix,
                                 const std::vector<std::string>& plugin_paths, SearchSettings settings,
                                 const std::vector<std::string>& visiting)
    : catalogue(TrackCatalogue::open(store)) {
    if (catalogue.tracks().empty()) {
        throw Error("results store " + store.string() + " has no successfully analysed track");
    }
    admit_named_files(catalogue, store, visiting, plugin_paths);
    compare(store, metric_mix, plugin_paths, settings);
}

StoreSimilarity::StoreSimilarity(const StoreSimilarity& library, const TrackCatalogue& visitors,
                                 const std::filesystem::path& store)
    : catalogue(library.catalogue.admitting(visitors)),
      metrics_(std::make_unique<StoreMetrics>(StoreMetrics::instantiated_again(*library.metrics_))) {
    similarity = std::make_unique<LibrarySimilarity>(catalogue, metrics_->weighted(), *library.similarity, store);
    warn_about_unsigned();
}

void StoreSimilarity::compare(const std::filesystem::path& store, const std::string& metric_mix,
                              const std::vector<std::string>& plugin_paths, SearchSettings settings) {
    metrics_ = std::make_unique<StoreMetrics>(
        catalogue, parse_metric_weights(metric_mix, catalogue, configured_mix(catalogue)), plugin_paths);
    similarity = std::make_unique<LibrarySimilarity>(catalogue, metrics_->weighted(), store, settings);
    warn_about_unsigned();
}

void StoreSimilarity::warn_about_unsigned() const {
    if (similarity->unsigned_tracks() > 0) {
        spdlog::warn("{} of {} tracks have no signature of the chosen metrics and are left out (analysed with a "
                     "config without those similarity nodes, or skipped by them: too short for a Gaussian, say)",
                     similarity->unsigned_tracks(), catalogue.tracks().size());
    }
}

RemixedSimilarity::RemixedSimilarity(const TrackCatalogue& catalogue, const std::filesystem::path& store,
                                     const std::string& metric_mix, const std::vector<std::string>& plugin_paths)
    : metrics(catalogue, parse_metric_weights(metric_mix, catalogue), plugin_paths),
      similarity(catalogue, metrics.weighted(), store) {}

RemixedSimilarity::RemixedSimilarity(const RemixedSimilarity& mix, const TrackCatalogue& catalogue,
                                     const std::filesystem::path& store)
    : metrics(StoreMetrics::instantiated_again(mix.metrics)),
      similarity(catalogue, metrics.weighted(), mix.similarity, store) {}

}  // namespace timbre::host
