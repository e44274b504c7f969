// SPDX-License-Identifier: GPL-3.0-or-later
// Schema version lives in PRAGMA user_version. WAL with synchronous=NORMAL keeps every
// committed track through a killed process (not through power loss, which needs FULL).
#include "results/result_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <ctime>

#include "results/feature_columns.hpp"
#include "results/json_text.hpp"
#include "results/store_connection.hpp"
#include "results/vector_columns.hpp"

namespace timbre::host {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  command TEXT NOT NULL,
  config_path TEXT NOT NULL,
  config_text TEXT NOT NULL,
  pipeline TEXT NOT NULL,
  pipeline_text TEXT NOT NULL,
  tracks_ok INTEGER,
  tracks_failed INTEGER,
  tracks_skipped INTEGER,
  models TEXT
);
CREATE TABLE IF NOT EXISTS tracks (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  path TEXT NOT NULL,
  content_hash TEXT,
  pipeline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error TEXT,
  format TEXT,
  source_rate_hz REAL,
  channels INTEGER,
  duration_s REAL,
  analysed_s REAL,
  elapsed_s REAL,
  artist TEXT,
  title TEXT,
  album TEXT,
  genre TEXT,
  has_lyrics INTEGER,
  analysed_at TEXT NOT NULL,
  year INTEGER,
  warnings TEXT
);
CREATE INDEX IF NOT EXISTS tracks_by_content ON tracks (pipeline, content_hash, status);
CREATE TABLE IF NOT EXISTS vector_layouts (
  id INTEGER PRIMARY KEY,
  names TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS features (
  track_id INTEGER NOT NULL REFERENCES tracks(id),
  output TEXT NOT NULL,
  type TEXT NOT NULL,
  value REAL,
  json TEXT NOT NULL,
  layout INTEGER REFERENCES vector_layouts(id),
  data BLOB,
  PRIMARY KEY (track_id, output)
);
CREATE TABLE IF NOT EXISTS labels (
  track_id INTEGER NOT NULL REFERENCES tracks(id),
  output TEXT NOT NULL,
  label TEXT NOT NULL,
  probability REAL NOT NULL,
  PRIMARY KEY (track_id, output, label)
);
CREATE TABLE IF NOT EXISTS file_states (
  path TEXT PRIMARY KEY,
  bytes INTEGER NOT NULL,
  modified_ns INTEGER NOT NULL,
  content_hash TEXT NOT NULL
);
)sql";

// What a user can do about a failed write, for the two failures that are not timbre's.
std::string why_writing_failed(const SQLite::Exception& error) {
    switch (error.getErrorCode() & 0xff) {
    case SQLITE_FULL: return " (the disk holding the store is full)";
    case SQLITE_READONLY: return " (the store or its folder is read-only)";
    default: return why_store_was_busy(error.getErrorCode());
    }
}
}  // namespace

std::string utc_timestamp() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

SqliteResultStore::SqliteResultStore(const std::filesystem::path& file) : file_(file) {
    try {
        database_ = std::make_unique<SQLite::Database>(
            open_store_connection(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE));
        database_->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        const int version = database_->execAndGet("PRAGMA user_version").getInt();
        if (version > kStoreSchemaVersion) {
            throw Error("schema version " + std::to_string(version) + ", this timbre writes version " +
                        std::to_string(kStoreSchemaVersion) + " (a newer timbre made it)");
        }
        if (version == 1) {
            database_->exec("ALTER TABLE tracks ADD COLUMN year INTEGER");
        }
        if (version == 1 || version == 2) {
            database_->exec("ALTER TABLE tracks ADD COLUMN warnings TEXT");
        }
        if (version >= 1 && version <= 3) {
            database_->exec("ALTER TABLE runs ADD COLUMN models TEXT");
        }
        if (version >= 1 && version <= 4) {
            database_->exec("ALTER TABLE features ADD COLUMN layout INTEGER REFERENCES vector_layouts(id)");
            database_->exec("ALTER TABLE features ADD COLUMN data BLOB");
        }
        database_->exec(kSchema);
        database_->exec("PRAGMA user_version=" + std::to_string(kStoreSchemaVersion));
    } catch (const SQLite::Exception& error) {
        throw Error("results store " + file.string() + ": " + error.what() + why_writing_failed(error));
    } catch (const std::exception& error) {
        throw Error("results store " + file.string() + ": " + error.what());
    }
}

SqliteResultStore::~SqliteResultStore() = default;

std::int64_t SqliteResultStore::begin_run(const RunRecord& run) {
    SQLite::Statement insert(*database_,
                             "INSERT INTO runs (started_at, command, config_path, config_text, pipeline, pipeline_text,"
                             " models) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, utc_timestamp());
    insert.bind(2, run.command);
    insert.bind(3, run.config_path);
    insert.bind(4, run.config_text);
    insert.bind(5, run.pipeline);
    insert.bind(6, run.pipeline_text);
    insert.bind(7, run.models);
    insert.exec();
    return database_->getLastInsertRowid();
}

std::set<std::string> SqliteResultStore::completed_hashes(const std::string& pipeline) const {
    SQLite::Statement query(*database_,
                            "SELECT DISTINCT content_hash FROM tracks WHERE pipeline = ? AND status = 'ok'");
    query.bind(1, pipeline);
    std::set<std::string> hashes;
    while (query.executeStep()) {
        hashes.insert(query.getColumn(0).getString());
    }
    return hashes;
}

void SqliteResultStore::record_track(std::int64_t run_id, const std::string& pipeline, const TrackResult& result) {
    try {
        SQLite::Transaction transaction(*database_);
        SQLite::Statement track(*database_,
                                "INSERT INTO tracks (run_id, path, content_hash, pipeline, status, error, format,"
                                " source_rate_hz, channels, duration_s, analysed_s, elapsed_s, artist, title, album,"
                                " genre, has_lyrics, analysed_at, year, warnings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        track.bind(1, run_id);
        track.bind(2, result.path.string());
        track.bind(3, result.content_hash);
        track.bind(4, pipeline);
        track.bind(5, to_string(result.status));
        track.bind(6, result.error);
        track.bind(7, result.format);
        track.bind(8, result.source_rate_hz);
        track.bind(9, result.source_channels);
        track.bind(10, result.duration_seconds);
        track.bind(11, result.analysed_seconds);
        track.bind(12, result.elapsed_seconds);
        track.bind(13, result.tags.artist);
        track.bind(14, result.tags.title);
        track.bind(15, result.tags.album);
        track.bind(16, result.tags.genre);
        track.bind(17, result.tags.lyrics.empty() ? 0 : 1);
        track.bind(18, utc_timestamp());
        if (result.tags.year > 0) {
            track.bind(19, result.tags.year);
        } else {
            track.bind(19);
        }
        if (result.warnings.empty()) {
            track.bind(20);
        } else {
            track.bind(20, json_text(nlohmann::json(result.warnings)));
        }
        track.exec();
        const std::int64_t track_id = database_->getLastInsertRowid();

        SQLite::Statement feature(*database_, "INSERT INTO features (track_id, output, type, value, json, layout, data) "
                                              "VALUES (?,?,?,?,?,?,?)");
        SQLite::Statement label(*database_, "INSERT INTO labels (track_id, output, label, probability) VALUES (?,?,?,?)");
        for (const auto& [key, value] : result.outputs) {
            feature.bind(1, track_id);
            feature.bind(2, key);
            feature.bind(3, std::string(to_string(port_type_of(*value))));
            if (const auto* scalar = std::get_if<Scalar>(value.get())) {
                feature.bind(4, scalar->value);
            } else {
                feature.bind(4);
            }
            bind_feature_columns(feature, 5, feature_columns(*value), layout_ids_, *database_);
            feature.exec();
            feature.reset();
            if (const auto* labels = std::get_if<Labels>(value.get())) {
                for (const auto& [name, probability] : labels->probabilities()) {
                    label.bind(1, track_id);
                    label.bind(2, key);
                    label.bind(3, name);
                    label.bind(4, probability);
                    label.exec();
                    label.reset();
                }
            }
        }
        transaction.commit();
    } catch (const SQLite::Exception& error) {
        layout_ids_.forget();
        throw Error("results store " + file_.string() + ": cannot record " + result.path.string() + ": " +
                    error.what() + why_writing_failed(error) +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

std::map<std::string, LatestAnalysis> SqliteResultStore::latest_analyses() const {
    SQLite::Statement query(*database_,
                            "SELECT t.path, t.status, t.content_hash FROM tracks t JOIN (SELECT path, MAX(id) AS id "
                            "FROM tracks GROUP BY path) l ON t.id = l.id");
    std::map<std::string, LatestAnalysis> latest;
    while (query.executeStep()) {
        latest[query.getColumn(0).getString()] = {query.getColumn(1).getString() == "ok",
                                                  query.getColumn(2).getString()};
    }
    return latest;
}

std::map<std::string, KnownFile> SqliteResultStore::known_files() const {
    SQLite::Statement query(*database_, "SELECT path, bytes, modified_ns, content_hash FROM file_states");
    std::map<std::string, KnownFile> files;
    while (query.executeStep()) {
        files[query.getColumn(0).getString()] = {
            {static_cast<std::uintmax_t>(query.getColumn(1).getInt64()), query.getColumn(2).getInt64()},
            query.getColumn(3).getString()};
    }
    return files;
}

void SqliteResultStore::remember_file(const std::string& path, const KnownFile& file) {
    try {
        SQLite::Statement upsert(*database_,
                                 "INSERT INTO file_states (path, bytes, modified_ns, content_hash) VALUES (?, ?, ?, ?) "
                                 "ON CONFLICT (path) DO UPDATE SET bytes = excluded.bytes, "
                                 "modified_ns = excluded.modified_ns, content_hash = excluded.content_hash");
        upsert.bind(1, path);
        upsert.bind(2, static_cast<std::int64_t>(file.stamp.size));
        upsert.bind(3, file.stamp.modified_ns);
        upsert.bind(4, file.content_hash);
        upsert.exec();
    } catch (const SQLite::Exception& error) {
        throw Error("results store " + file_.string() + ": cannot record " + path + ": " + error.what() +
                    why_writing_failed(error) +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

std::string SqliteResultStore::record_earlier_analysis(std::int64_t run_id, const std::string& pipeline,
                                                       const std::filesystem::path& path,
                                                       const std::string& content_hash) {
    try {
        SQLite::Transaction transaction(*database_);
        SQLite::Statement source(
            *database_,
            "SELECT id, path FROM tracks WHERE pipeline = ? AND content_hash = ? AND status = 'ok' "
            "ORDER BY id DESC LIMIT 1");
        source.bind(1, pipeline);
        source.bind(2, content_hash);
        if (!source.executeStep()) {
            throw Error("results store " + file_.string() + ": cannot record " + path.string() +
                        ": no earlier analysis of its content by this pipeline");
        }
        const std::int64_t from = source.getColumn(0).getInt64();
        const std::string from_path = source.getColumn(1).getString();
        SQLite::Statement track(*database_,
                                "INSERT INTO tracks (run_id, path, content_hash, pipeline, status, error, format,"
                                " source_rate_hz, channels, duration_s, analysed_s, elapsed_s, artist, title, album,"
                                " genre, has_lyrics, analysed_at, year, warnings) SELECT ?, ?, content_hash, pipeline,"
                                " status, error, format, source_rate_hz, channels, duration_s, analysed_s, elapsed_s,"
                                " artist, title, album, genre, has_lyrics, analysed_at, year, warnings FROM tracks"
                                " WHERE id = ?");
        track.bind(1, run_id);
        track.bind(2, path.string());
        track.bind(3, from);
        track.exec();
        const std::int64_t track_id = database_->getLastInsertRowid();
        for (const char* table : {"features (track_id, output, type, value, json, layout, data) SELECT ?, output, type, "
                                  "value, json, layout, data FROM features",
                                  "labels (track_id, output, label, probability) SELECT ?, output, label, probability "
                                  "FROM labels"}) {
            SQLite::Statement copy(*database_, std::string("INSERT INTO ") + table + " WHERE track_id = ?");
            copy.bind(1, track_id);
            copy.bind(2, from);
            copy.exec();
        }
        transaction.commit();
        return from_path;
    } catch (const SQLite::Exception& error) {
        throw Error("results store " + file_.string() + ": cannot record " + path.string() + ": " + error.what() +
                    why_writing_failed(error) +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

void SqliteResultStore::finish_run(std::int64_t run_id, const RunCounts& counts) {
    SQLite::Statement update(*database_,
                             "UPDATE runs SET finished_at = ?, tracks_ok = ?, tracks_failed = ?, tracks_skipped = ?"
                             " WHERE id = ?");
    update.bind(1, utc_timestamp());
    update.bind(2, static_cast<std::int64_t>(counts.ok));
    update.bind(3, static_cast<std::int64_t>(counts.failed));
    update.bind(4, static_cast<std::int64_t>(counts.skipped));
    update.bind(5, run_id);
    update.exec();
}

}  // namespace timbre::host
