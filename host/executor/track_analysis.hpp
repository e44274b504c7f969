// The work a worker does for one track: hash, (skip if already done), read tags, decode,
// run the graph. Never throws: every failure becomes a TrackResult with its stage and reason.
#pragma once

#include <set>

#include "executor/track_result.hpp"
#include "graph/graph_instance.hpp"

namespace timbre::host {

TrackResult analyse_track(std::size_t index, const std::filesystem::path& path, const Graph& graph,
                          GraphInstance& instance, const std::set<std::string>& completed_hashes);

}  // namespace timbre::host
