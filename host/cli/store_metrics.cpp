// Pipelines are kept in a vector of values whose registries live on the heap, so the graph
// and instances that point into them stay valid as the vector grows.
#include "cli/store_metrics.hpp"

namespace timbre::host {

StoreMetrics::StoreMetrics(const TrackCatalogue& catalogue, const std::vector<MetricWeight>& choices,
                           const std::vector<std::string>& plugin_paths) {
    pipelines_.reserve(choices.size());
    for (const auto& choice : choices) {
        const auto [text, path] = catalogue.config_of(choice.node);
        pipelines_.push_back(load_pipeline_text(text, path, plugin_paths));
        const LoadedPipeline& pipeline = pipelines_.back();
        instances_.push_back(
            std::make_unique<MetricInstance>(similarity_node(*pipeline.graph, choice.node), *pipeline.registry));
        weighted_.push_back({choice, &instances_.back()->metric()});
    }
}

}  // namespace timbre::host
