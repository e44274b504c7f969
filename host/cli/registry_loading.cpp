// SPDX-License-Identifier: GPL-3.0-or-later
// Folder order decides which copy of a duplicated plugin id wins.
#include "cli/registry_loading.hpp"

#include <spdlog/spdlog.h>

namespace timbre::host {

PluginRegistry load_registry(const std::vector<std::string>& extra_directories) {
    std::vector<std::filesystem::path> directories(extra_directories.begin(), extra_directories.end());
    PluginRegistry registry;
    if (const auto manifest = plugin_manifest_file(); !manifest.empty()) {
        registry.use_manifest(manifest);
    }
    for (const auto& directory : plugin_search_path(directories)) {
        spdlog::debug("searching for plugins in {}", directory.string());
    }
    registry.load_directories(plugin_search_path(directories));
    return registry;
}

}  // namespace timbre::host
