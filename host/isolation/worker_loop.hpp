// SPDX-License-Identifier: GPL-3.0-or-later
// The other side of `analyze --isolate`: what a worker process does. It builds the pipeline's
// plugin instances once, then analyses the tracks its parent sends one at a time, reporting
// each milestone (hashed, decoded, node started) before the result.
#pragma once

#include "graph/graph.hpp"

namespace timbre::host {

// The socket a worker process talks to its parent on (set up by the parent at spawn).
inline constexpr int kWorkerSocket = 3;

// Serves tracks on kWorkerSocket until the parent closes it; returns the exit code.
int serve_tracks_to_parent(const Graph& graph, const PluginRegistry& registry);

}  // namespace timbre::host
