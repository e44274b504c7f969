// SPDX-License-Identifier: GPL-3.0-or-later
// Config -> registry -> validated graph, shared by `validate` and `analyze` so both apply
// exactly the same checks. Throws ConfigError with every diagnostic found.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "graph/param_override.hpp"

namespace timbre::host {

struct LoadedPipeline {
    PipelineConfig config;
    std::unique_ptr<PluginRegistry> registry;  // outlives graph, which points into it
    std::unique_ptr<Graph> graph;
};

// `overrides` (train and evaluate's `--set`) change node parameters before the checks.
LoadedPipeline load_pipeline(const std::string& config_file, const std::vector<std::string>& extra_plugin_paths,
                             const std::vector<ParamOverride>& overrides = {});

// The same from a config's text (as a results store recorded it), with `config_file` naming
// it in messages and anchoring its relative paths.
LoadedPipeline load_pipeline_text(const std::string& text, const std::string& config_file,
                                  const std::vector<std::string>& extra_plugin_paths);

}  // namespace timbre::host
