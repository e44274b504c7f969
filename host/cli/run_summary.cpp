// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput is reported the way the benchmarks report it: seconds of audio per wall second,
// overall and per worker.
#include "cli/run_summary.hpp"

#include <cstdio>
#include <string>

#include "cli/terminal_columns.hpp"

namespace timbre::host {

void print_run_summary(std::ostream& out, const std::map<std::size_t, TrackResult>& results, const RunTotals& totals) {
    char line[512];
    std::snprintf(line, sizeof line, "%-52s %-8s %10s %8s\n", "track", "status", "audio (s)", "time (s)");
    out << line;
    std::size_t ok = 0, failed = 0, skipped = 0, warned = 0;
    double audio = 0.0;
    for (const auto& [index, result] : results) {
        std::snprintf(line, sizeof line, "%s %-8s %10.1f %8.2f\n",
                      table_cell(result.path.string(), 52, KeptEnd::end).c_str(), to_string(result.status).c_str(),
                      result.analysed_seconds, result.elapsed_seconds);
        out << line;
        if (result.status == TrackStatus::failed) {
            out << "    " << result.error << "\n";
        }
        for (const auto& warning : result.warnings) {
            out << "    warning: " << warning << "\n";
        }
        warned += !result.warnings.empty();
        ok += result.status == TrackStatus::ok;
        failed += result.status == TrackStatus::failed;
        skipped += result.status == TrackStatus::skipped;
        audio += result.analysed_seconds;
    }
    const double speed = totals.wall_seconds > 0 ? audio / totals.wall_seconds : 0.0;
    std::snprintf(line, sizeof line,
                  "%zu tracks: %zu ok%s, %zu failed, %zu skipped | %.0f s of audio in %.1f s with %u workers: "
                  "%.0fx real time, %.0fx per worker, %.2f tracks/s\n",
                  results.size(), ok, warned > 0 ? (" (" + std::to_string(warned) + " with warnings)").c_str() : "",
                  failed, skipped, audio, totals.wall_seconds, totals.jobs, speed,
                  speed / totals.jobs, totals.wall_seconds > 0 ? (ok + failed) / totals.wall_seconds : 0.0);
    out << line;
}

}  // namespace timbre::host
