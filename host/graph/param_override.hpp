// SPDX-License-Identifier: GPL-3.0-or-later
// `--set NODE.PARAM=VALUE`: one parameter of one node changed for a single run (a quicker
// trial training, another hop size) without editing the config. The value is typed as the
// same YAML scalar would be, and checked against the plugin's parameter like one written in
// the file; a diagnostic about it names the `--set` it came from instead of a line.
#pragma once

#include <string>
#include <vector>

#include "graph/pipeline_config.hpp"

namespace timbre::host {

struct ParamOverride {
    std::string node;
    std::string param;
    std::string value;
    std::string text() const { return "--set " + node + "." + param + "=" + value; }
};

// Parses "NODE.PARAM=VALUE"; throws Error naming what is missing.
ParamOverride parse_param_override(const std::string& text);

// Sets each override's parameter on its node (replacing what the file gave). A node the
// pipeline lacks is a diagnostic, with the closest id if one is near.
void apply_param_overrides(PipelineConfig& config, const std::vector<ParamOverride>& overrides,
                           std::vector<Diagnostic>& diagnostics);

}  // namespace timbre::host
