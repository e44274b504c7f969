// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a graph over many tracks on a pool of worker threads, one GraphInstance per worker (or,
// isolated, in worker processes), and hands each result to the caller's thread as soon as it
// is ready (completion order; result.index gives the input order for outputs that must be
// deterministic).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <vector>

#include "executor/track_result.hpp"
#include "graph/graph.hpp"
#include "graph/graph_instance.hpp"
#include "isolation/isolated_analysis.hpp"

namespace timbre::host {

struct AnalysisOptions {
    unsigned jobs = 1;                          // worker threads, >= 1
    std::set<std::string> completed_hashes;     // tracks to skip (resume)
    std::optional<IsolationOptions> isolation;  // worker processes instead of threads
    // An instance of the graph built before and kept for analyses to come (the web service's
    // comparisons): one worker analyses on it instead of `jobs` workers on new instances. Not
    // with `isolation`.
    GraphInstance* instance = nullptr;
};

// Blocks until every track has a result. Plugin instances are built and destroyed on the
// calling thread, as the SDK lifecycle promises; on_result also runs on the calling thread.
// Throws std::logic_error for an `options.instance` of another graph, or with isolation.
void analyse_in_parallel(const Graph& graph, const PluginRegistry& registry,
                         const std::vector<std::filesystem::path>& tracks, const AnalysisOptions& options,
                         const std::function<void(TrackResult)>& on_result);

}  // namespace timbre::host
