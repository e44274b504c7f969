// SPDX-License-Identifier: GPL-3.0-or-later
// `--set NODE.PARAM=VALUE`, the one way a command changes a node's parameter for one run
// (train, evaluate, evaluate-similarity): each text parsed when the command line is, so a
// malformed one is a usage error naming the option.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "graph/param_override.hpp"

namespace timbre::host {

// Adds the repeatable option to `command`, appending to `overrides` (which must outlive the
// command line's parsing); `example` ends the help text.
void add_param_override_option(CLI::App& command, std::vector<ParamOverride>& overrides, const std::string& example);

}  // namespace timbre::host
