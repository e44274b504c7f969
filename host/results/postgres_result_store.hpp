// SPDX-License-Identifier: GPL-3.0-or-later
// The results store in PostgreSQL, for many machines analysing into one store at once
// (`analyze --db postgresql://...`): the SQLite store's schema and guarantees (one
// transaction per track, resume by content hash and pipeline). The reading commands open
// SQLite files; `timbre merge library.db postgresql://...` brings a PostgreSQL store to them.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "results/result_store.hpp"

namespace timbre::host {

class PostgresResultStore final : public ResultStore {
public:
    // Connects (a libpq URI: postgresql://user@host:port/database?...) and creates the tables
    // if the database has none; throws timbre::Error naming the address (without password).
    explicit PostgresResultStore(const std::string& address);
    ~PostgresResultStore() override;

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
    struct Connection;   // libpqxx's, kept out of this header
    std::string shown_;  // the address as messages show it
    std::unique_ptr<Connection> connection_;
    LayoutIds layout_ids_;
};

// Copies every run, track, feature and label of the PostgreSQL store at `address` into a new
// SQLite store `file` with the same ids, so that `timbre merge` can add it like a shard.
void copy_postgres_store(const std::string& address, const std::filesystem::path& file);

}  // namespace timbre::host
