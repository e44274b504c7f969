// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: a pipeline config's YAML, parsed and checked against the built-in plugins
// (nodes, wiring, parameter types and ranges, includes, similarity and fit sections). A bad
// config must come back as diagnostics (a ConfigError) or a timbre::Error; anything else
// escaping, a crash or a sanitizer report is a bug. Plugins are loaded once, from the
// build's plugin folder beside this program.
#include <cstdint>
#include <string>

#include "cli/registry_loading.hpp"
#include "graph/diagnostic.hpp"
#include "graph/graph.hpp"
#include "graph/pipeline_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const timbre::host::PluginRegistry registry = timbre::host::load_registry({});
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        std::vector<timbre::host::Diagnostic> diagnostics;
        const auto config = timbre::host::parse_pipeline(text, "/dev/shm/fuzz.yaml", diagnostics);
        const auto graph = timbre::host::build_graph(config, registry, std::move(diagnostics));
        (void)graph;
    } catch (const timbre::Error&) {
    }
    return 0;
}
