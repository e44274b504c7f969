// SPDX-License-Identifier: GPL-3.0-or-later
// The work a worker does for one track: hash, (skip if already done), read tags, decode,
// run the graph. Never throws: every failure becomes a TrackResult with its stage and reason.
#pragma once

#include <functional>
#include <set>

#include "executor/track_result.hpp"
#include "graph/graph_instance.hpp"

namespace timbre::host {

// What the analysis of a track has reached, for a watcher outside it (an isolated worker's
// parent, which sets the track's time limit from the audio's length).
struct TrackMilestones {
    std::function<void(const std::string& content_hash)> hashed;
    std::function<void(double audio_seconds)> decoded;
};

// Hashes, decodes and analyses one track with `instance` (which carries its graph).
TrackResult analyse_track(std::size_t index, const std::filesystem::path& path, GraphInstance& instance,
                          const std::set<std::string>& completed_hashes, const TrackMilestones& milestones = {});

}  // namespace timbre::host
