// SPDX-License-Identifier: GPL-3.0-or-later
// What a store holds, told by a few numbers read in one cheap query (how many tracks, the
// newest track and run, when that run and the first one started, whether the newest has
// finished): a running service compares them to notice that a separate `timbre analyze`
// changed its store, and the caches beside a store are valid only for the version they were
// written from. An unfinished run means more is coming.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace SQLite {
class Database;
}

namespace timbre::host {

struct StoreVersion {
    std::int64_t tracks = 0;
    std::int64_t newest_track = 0;
    std::int64_t newest_run = 0;
    std::string newest_run_started;  // so another store of the same counts made later differs
    // When the store's first run started: names the store, so that a store made again under
    // the same name is not taken for the old one (rows are only ever added to a store).
    std::string first_run_started;
    bool newest_run_finished = true;

    // Whether the stored tracks are the same (whether the newest run has finished aside).
    bool same_tracks(const StoreVersion& other) const {
        return tracks == other.tracks && newest_track == other.newest_track && newest_run == other.newest_run &&
               newest_run_started == other.newest_run_started && first_run_started == other.first_run_started;
    }
};

// Throws timbre::Error (SQLite's message and the store) when the store cannot be read.
StoreVersion read_store_version(const std::filesystem::path& store);
// The same on a connection already open (read before what it describes, so that a write in
// between is seen as a change rather than hidden by it). Throws SQLite::Exception.
StoreVersion read_store_version(SQLite::Database& database);

}  // namespace timbre::host
