// The similarity metrics of a results store, loaded for a command: each metric's plugin is
// rebuilt from the config text the store recorded for the run that made its signatures
// (parsed and checked as `analyze` did), so its parameters are the ones the signatures were
// made with. Owns the pipelines, registries and instances for as long as they are used.
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
    const std::vector<WeightedMetric>& weighted() const { return weighted_; }

private:
    std::vector<LoadedPipeline> pipelines_;
    std::vector<std::unique_ptr<MetricInstance>> instances_;
    std::vector<WeightedMetric> weighted_;
};

}  // namespace timbre::host
