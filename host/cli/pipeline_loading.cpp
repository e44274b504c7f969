// SPDX-License-Identifier: GPL-3.0-or-later
// Plugin load failures are logged as warnings here: they matter only if the config needs
// one of those plugins, and then the diagnostic "unknown plugin" points back to them.
#include "cli/pipeline_loading.hpp"

#include <spdlog/spdlog.h>

#include "cli/registry_loading.hpp"

namespace timbre::host {

namespace {
LoadedPipeline load(PipelineConfig config, std::vector<Diagnostic> diagnostics,
                    const std::vector<std::string>& extra_plugin_paths) {
    LoadedPipeline loaded;
    loaded.config = std::move(config);
    std::vector<std::string> directories(extra_plugin_paths);
    for (const auto& path : loaded.config.plugin_paths) {
        directories.push_back(path.string());
    }
    loaded.registry = std::make_unique<PluginRegistry>(load_registry(directories));
    for (const auto& failure : loaded.registry->failures()) {
        spdlog::warn("plugin not loaded: {}: {}", failure.path.string(), failure.reason);
    }
    loaded.graph = std::make_unique<Graph>(build_graph(loaded.config, *loaded.registry, std::move(diagnostics)));
    return loaded;
}
}  // namespace

LoadedPipeline load_pipeline(const std::string& config_file, const std::vector<std::string>& extra_plugin_paths,
                             const std::vector<ParamOverride>& overrides) {
    std::vector<Diagnostic> diagnostics;
    PipelineConfig config = read_pipeline(config_file, diagnostics);
    apply_param_overrides(config, overrides, diagnostics);
    return load(std::move(config), std::move(diagnostics), extra_plugin_paths);
}

LoadedPipeline load_pipeline_text(const std::string& text, const std::string& config_file,
                                  const std::vector<std::string>& extra_plugin_paths) {
    std::vector<Diagnostic> diagnostics;
    PipelineConfig config = parse_pipeline(text, config_file, diagnostics);
    return load(std::move(config), std::move(diagnostics), extra_plugin_paths);
}

}  // namespace timbre::host
