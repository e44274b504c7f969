// SPDX-License-Identifier: GPL-3.0-or-later
// The table `timbre analyze` prints when it ends: one row per track (status, audio length,
// time, and the reason for each failure), then totals and throughput.
#pragma once

#include <map>
#include <ostream>

#include "executor/track_result.hpp"

namespace timbre::host {

struct RunTotals {
    double wall_seconds = 0.0;
    unsigned jobs = 1;
};

// `results` are in track order (index -> result without outputs).
void print_run_summary(std::ostream& out, const std::map<std::size_t, TrackResult>& results, const RunTotals& totals);

}  // namespace timbre::host
