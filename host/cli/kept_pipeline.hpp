// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline that analyses the files a library is compared with, loaded and instantiated
// once and kept for the comparisons to come: the web service compares many files with one
// library, and loading the pipeline's plugins and models was a quarter of each comparison,
// reading the terms its models' files keep another 7 % of what was left. It is loaded again
// when the library's signatures come from another config.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline_loading.hpp"
#include "graph/graph_instance.hpp"
#include "ml/model_terms.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

// Used by one caller at a time (the instance is one worker's).
class KeptPipeline {
public:
    struct Ready {
        const LoadedPipeline& pipeline;
        GraphInstance& instance;
        const std::vector<NodeModelTerms>& models;  // pipeline_model_terms of the pipeline
    };
    // The pipeline `run` recorded (TrackCatalogue::config_of), with the plugins of
    // `plugin_paths`: the one kept if it was loaded from the same, else loaded now and kept.
    // Throws as load_pipeline_text and GraphInstance do, keeping nothing.
    Ready of(const TrackCatalogue::RunConfig& run, const std::vector<std::string>& plugin_paths);

private:
    std::string config_text_, config_path_;
    std::vector<std::string> plugin_paths_;
    std::optional<LoadedPipeline> pipeline_;
    std::unique_ptr<GraphInstance> instance_;  // of pipeline_'s graph: declared after it, destroyed before it
    std::vector<NodeModelTerms> models_;
};

}  // namespace timbre::host
