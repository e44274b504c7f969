// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline is compared by the config text and path the library's run recorded (what
// load_pipeline_text reads) and the plugin folders; its instance goes before it does.
#include "cli/kept_pipeline.hpp"

namespace timbre::host {

KeptPipeline::Ready KeptPipeline::of(const TrackCatalogue::RunConfig& run,
                                     const std::vector<std::string>& plugin_paths) {
    if (!instance_ || run.config_text != config_text_ || run.config_path != config_path_ ||
        plugin_paths != plugin_paths_) {
        instance_.reset();
        pipeline_.reset();
        pipeline_ = load_pipeline_text(run.config_text, run.config_path, plugin_paths);
        try {
            instance_ = std::make_unique<GraphInstance>(*pipeline_->graph, *pipeline_->registry);
            models_ = pipeline_model_terms(*pipeline_->graph, *pipeline_->registry);
        } catch (...) {
            instance_.reset();
            pipeline_.reset();
            throw;
        }
        config_text_ = run.config_text;
        config_path_ = run.config_path;
        plugin_paths_ = plugin_paths;
    }
    return {*pipeline_, *instance_, models_};
}

}  // namespace timbre::host
