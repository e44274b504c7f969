// SPDX-License-Identifier: GPL-3.0-or-later
// How a running service notices that a separate `timbre analyze` changed its store: a few
// numbers read from the store in one cheap query (how many tracks, the newest track and run,
// and whether that run has finished). A changed version means the library must be opened
// again; an unfinished run means more is coming.
#pragma once

#include <cstdint>
#include <filesystem>

namespace timbre::host {

struct StoreVersion {
    std::int64_t tracks = 0;
    std::int64_t newest_track = 0;
    std::int64_t newest_run = 0;
    bool newest_run_finished = true;

    // Whether the stored tracks are the same (whether the newest run has finished aside).
    bool same_tracks(const StoreVersion& other) const {
        return tracks == other.tracks && newest_track == other.newest_track && newest_run == other.newest_run;
    }
};

// Throws timbre::Error (SQLite's message and the store) when the store cannot be read.
StoreVersion read_store_version(const std::filesystem::path& store);

}  // namespace timbre::host
