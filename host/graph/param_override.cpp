// SPDX-License-Identifier: GPL-3.0-or-later
// Overrides are applied after includes are composed, so they reach nodes of included
// configs too, and before the graph is checked, so the plugin's parameter rules apply.
#include "graph/param_override.hpp"

#include <algorithm>
#include <regex>

#include "graph/closest_name.hpp"

namespace timbre::host {

ParamOverride parse_param_override(const std::string& text) {
    static const std::regex pattern(R"(([A-Za-z_][A-Za-z0-9_\-]*)\.([A-Za-z_][A-Za-z0-9_\-]*)=(.+))");
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) {
        throw Error("--set " + text + ": expected NODE.PARAM=VALUE, e.g. --set genre.epochs=10");
    }
    return {match[1], match[2], match[3]};
}

void apply_param_overrides(PipelineConfig& config, const std::vector<ParamOverride>& overrides,
                           std::vector<Diagnostic>& diagnostics) {
    for (const ParamOverride& setting : overrides) {
        const SourcePosition from_command_line{0, 0, setting.text()};
        const auto node = std::find_if(config.nodes.begin(), config.nodes.end(),
                                       [&](const NodeConfig& candidate) { return candidate.id == setting.node; });
        if (node == config.nodes.end()) {
            std::vector<std::string> ids;
            for (const NodeConfig& candidate : config.nodes) {
                ids.push_back(candidate.id);
            }
            const std::string near = closest_name(setting.node, ids);
            diagnostics.push_back({from_command_line.file, from_command_line,
                                   "the pipeline has no node '" + setting.node + "'" +
                                       (near.empty() ? "" : " (did you mean '" + near + "'?)")});
            continue;
        }
        node->params[setting.param] =
            ParamSetting{plain_scalar_value(setting.value), from_command_line, from_command_line};
    }
}

}  // namespace timbre::host
