// SPDX-License-Identifier: GPL-3.0-or-later
// Progress of an analysis run on stderr: a redrawn bar with rate and ETA on a terminal,
// one plain line per finished track otherwise (logs, CI, pipes).
#pragma once

#include <chrono>
#include <cstddef>

#include "executor/track_result.hpp"

namespace timbre::host {

class ProgressDisplay {
public:
    ProgressDisplay(std::size_t total, bool interactive);
    void update(const TrackResult& result);
    void finish();

private:
    std::size_t total_;
    std::size_t done_ = 0;
    bool interactive_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace timbre::host
