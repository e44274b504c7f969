// The SQLite results store: runs, tracks, features and labels. Each track is committed in
// its own transaction the moment it finishes, so a run killed at any point keeps every
// track it completed, and `--resume` can skip them by content hash.
// Used from one thread (the run's main thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "executor/track_result.hpp"

namespace SQLite {
class Database;
}

namespace timbre::host {

struct RunRecord {
    std::string command;        // the command line
    std::string config_path;
    std::string config_text;
    std::string pipeline;       // Graph::fingerprint()
    std::string pipeline_text;  // Graph::canonical_text()
};

struct RunCounts {
    std::size_t ok = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
};

class ResultStore {
public:
    // Opens or creates the database; throws timbre::Error naming the file on failure or
    // if it was written by an incompatible version of timbre.
    explicit ResultStore(const std::filesystem::path& file);
    ~ResultStore();

    std::int64_t begin_run(const RunRecord& run);
    // Content hashes of tracks analysed successfully by this pipeline, in any earlier run.
    std::set<std::string> completed_hashes(const std::string& pipeline) const;
    void record_track(std::int64_t run_id, const std::string& pipeline, const TrackResult& result);
    void finish_run(std::int64_t run_id, const RunCounts& counts);

private:
    std::filesystem::path file_;
    std::unique_ptr<SQLite::Database> database_;
};

}  // namespace timbre::host
