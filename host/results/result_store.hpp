// SPDX-License-Identifier: GPL-3.0-or-later
// The results store: runs, tracks, features and labels, in SQLite (the default) or, through
// the same interface, PostgreSQL (results/postgres_result_store.hpp).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "executor/track_result.hpp"
#include "results/vector_columns.hpp"
#include "tracks/file_stamp.hpp"

namespace SQLite {
class Database;
}

namespace timbre::host {

// The store's layout version: 2 added tracks.year, 3 tracks.warnings (a JSON list of
// sentences), 4 runs.models (the data terms of the run's models, ml/model_terms.hpp's JSON),
// 5 vectors as numbers in features.data with their names in vector_layouts
// (results/vector_columns.hpp), 6 frames as floats in features.data (results/feature_columns.hpp).
inline constexpr int kStoreSchemaVersion = 6;

// Now, as the store's *_at columns hold it: "2026-12-03T05:20:00Z".
std::string utc_timestamp();

struct RunRecord {
    std::string command;        // the command line
    std::string config_path;
    std::string config_text;
    std::string pipeline;       // Graph::fingerprint()
    std::string pipeline_text;  // Graph::canonical_text()
    std::string models = "[]";  // model_terms_json() of the pipeline's models
};

struct LatestAnalysis {
    bool ok = false;
    std::string content_hash;
};

// A file as it was when timbre last hashed it: `--resume` trusts the hash while the stamp
// holds, and reads the file again otherwise.
struct KnownFile {
    FileStamp stamp;
    std::string content_hash;
};

struct RunCounts {
    std::size_t ok = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
};

// Where `analyze` records what it does. Each track is committed in its own transaction the
// moment it finishes, so a run killed at any point keeps every track it completed, and
// `--resume` can skip them by content hash. Used from one thread (the run's main thread).
class ResultStore {
public:
    virtual ~ResultStore() = default;
    virtual std::int64_t begin_run(const RunRecord& run) = 0;
    // Content hashes of tracks analysed successfully by this pipeline, in any earlier run.
    virtual std::set<std::string> completed_hashes(const std::string& pipeline) const = 0;
    virtual void record_track(std::int64_t run_id, const std::string& pipeline, const TrackResult& result) = 0;
    // Each path's latest row: whether it succeeded, and the content it read.
    virtual std::map<std::string, LatestAnalysis> latest_analyses() const = 0;
    // Each path's size, time and content hash as last hashed (table `file_states`, a cache).
    virtual std::map<std::string, KnownFile> known_files() const = 0;
    virtual void remember_file(const std::string& path, const KnownFile& file) = 0;
    // Records `path` with the results of this pipeline's latest successful analysis of
    // `content_hash`, copied: what `--resume` does for a file whose content was analysed under
    // another path (moved, copied) or before the path's latest row (restored after a failure),
    // so that it is in the library under its path. Returns the path the results were recorded
    // under before.
    virtual std::string record_earlier_analysis(std::int64_t run_id, const std::string& pipeline,
                                                const std::filesystem::path& path, const std::string& content_hash) = 0;
    virtual void finish_run(std::int64_t run_id, const RunCounts& counts) = 0;
};

// The default store: one SQLite file, which every reading command (tracks, similar,
// playlist, serve) opens.
class SqliteResultStore final : public ResultStore {
public:
    // Opens or creates the database; throws timbre::Error naming the file on failure or
    // if it was written by an incompatible version of timbre.
    explicit SqliteResultStore(const std::filesystem::path& file);
    ~SqliteResultStore() override;

    std::int64_t begin_run(const RunRecord& run) override;
    std::set<std::string> completed_hashes(const std::string& pipeline) const override;
    void record_track(std::int64_t run_id, const std::string& pipeline, const TrackResult& result) override;
    std::map<std::string, LatestAnalysis> latest_analyses() const override;
    std::map<std::string, KnownFile> known_files() const override;
    void remember_file(const std::string& path, const KnownFile& file) override;
    std::string record_earlier_analysis(std::int64_t run_id, const std::string& pipeline,
                                        const std::filesystem::path& path, const std::string& content_hash) override;
    void finish_run(std::int64_t run_id, const RunCounts& counts) override;

private:
    std::filesystem::path file_;
    std::unique_ptr<SQLite::Database> database_;
    LayoutIds layout_ids_;
};

}  // namespace timbre::host
