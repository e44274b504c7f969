// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre analyze --isolate`: tracks analysed in worker processes instead of threads, so a
// plugin that crashes, hangs or leaks fails only its track. The parent hands out tracks,
// stops a worker whose track overruns its time limit, restarts workers that died or grew
// past a memory limit, and delivers every result (failures included) on its own thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "executor/track_result.hpp"
#include "graph/graph.hpp"
#include "isolation/track_time_limit.hpp"

namespace timbre::host {

struct IsolationOptions {
    // argv of one worker: the timbre program, "isolated-worker", the config, its plugin paths.
    std::vector<std::string> worker_command;
    TrackTimeLimit time_limit = TrackTimeLimit::automatic();
    // A worker whose resident memory exceeds this after a track is replaced by a fresh one.
    std::optional<std::uint64_t> memory_limit_bytes;
};

// Blocks until every track has a result. Each worker must build a graph with `graph`'s
// fingerprint (the same config), or the run stops with an error before any track.
void analyse_in_worker_processes(const Graph& graph, const std::vector<std::filesystem::path>& tracks, unsigned workers,
                                 const std::set<std::string>& completed_hashes, IsolationOptions options,
                                 const std::function<void(TrackResult)>& on_result);

}  // namespace timbre::host
