// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the plugin registry the same way for every subcommand: extra folders first,
// then TIMBRE_PLUGIN_PATH, then the built-in folder.
#pragma once

#include <string>
#include <vector>

#include "loader/plugin_registry.hpp"

namespace timbre::host {

PluginRegistry load_registry(const std::vector<std::string>& extra_directories);

}  // namespace timbre::host
