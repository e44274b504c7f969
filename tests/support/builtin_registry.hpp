// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in plugins, registered once per test binary from the build's plugin folder
// exactly as the host registers them: what graph checks and plugin harnesses look plugins up in.
#pragma once

#include "loader/plugin_registry.hpp"
#include "support/test_paths.hpp"

namespace timbre::test {

inline const host::PluginRegistry& builtin_registry() {
    static const host::PluginRegistry loaded = [] {
        host::PluginRegistry registry;
        registry.load_directories({builtin_plugins});
        return registry;
    }();
    return loaded;
}

}  // namespace timbre::test
