// SPDX-License-Identifier: GPL-3.0-or-later
// libpqxx 6. The tables are the SQLite store's with PostgreSQL's types; the first writer
// creates them under an advisory lock, so machines starting together do not race. Values
// that may be absent travel as text or a null pointer, which libpqxx sends as NULL.
// PostgreSQL's text must be UTF-8 and a file name need not be (a Latin-1 disk's "caf\xe9"):
// a path is kept as its bytes (path_bytes, the key) beside the text people query (path,
// with U+FFFD for such a byte, as JSON shows it); other text is stored as shown.
#include "results/postgres_result_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <cmath>
#include <cstdio>
#include <optional>

#include "results/feature_columns.hpp"
#include "results/json_text.hpp"
#include "results/store_address.hpp"
#include "results/store_connection.hpp"
#include "results/vector_columns.hpp"

namespace timbre::host {

namespace {
constexpr const char* kPostgresSchema = R"sql(
CREATE TABLE IF NOT EXISTS timbre_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  id BIGSERIAL PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, command TEXT NOT NULL,
  config_path TEXT NOT NULL, config_text TEXT NOT NULL, pipeline TEXT NOT NULL, pipeline_text TEXT NOT NULL,
  tracks_ok BIGINT, tracks_failed BIGINT, tracks_skipped BIGINT, models TEXT);
CREATE TABLE IF NOT EXISTS tracks (
  id BIGSERIAL PRIMARY KEY, run_id BIGINT NOT NULL REFERENCES runs(id), path TEXT NOT NULL,
  path_bytes BYTEA NOT NULL, content_hash TEXT, pipeline TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')), error TEXT, format TEXT,
  source_rate_hz DOUBLE PRECISION, channels INTEGER, duration_s DOUBLE PRECISION, analysed_s DOUBLE PRECISION,
  elapsed_s DOUBLE PRECISION, artist TEXT, title TEXT, album TEXT, genre TEXT, has_lyrics INTEGER,
  analysed_at TEXT NOT NULL, year INTEGER, warnings TEXT);
CREATE INDEX IF NOT EXISTS tracks_by_content ON tracks (pipeline, content_hash, status);
CREATE TABLE IF NOT EXISTS vector_layouts (id BIGSERIAL PRIMARY KEY, names TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS vector_layouts_by_names ON vector_layouts (md5(names));
CREATE TABLE IF NOT EXISTS features (
  track_id BIGINT NOT NULL REFERENCES tracks(id), output TEXT NOT NULL, type TEXT NOT NULL,
  value DOUBLE PRECISION, json TEXT NOT NULL, layout BIGINT REFERENCES vector_layouts(id), data BYTEA,
  PRIMARY KEY (track_id, output));
CREATE TABLE IF NOT EXISTS labels (
  track_id BIGINT NOT NULL REFERENCES tracks(id), output TEXT NOT NULL, label TEXT NOT NULL,
  probability DOUBLE PRECISION NOT NULL, PRIMARY KEY (track_id, output, label));
CREATE TABLE IF NOT EXISTS file_states (
  path_bytes BYTEA PRIMARY KEY, path TEXT NOT NULL, bytes BIGINT NOT NULL, modified_ns BIGINT NOT NULL,
  content_hash TEXT NOT NULL);
)sql";
// The SQLite store's schema 6 with path_bytes; 3 lacks runs.models, 4 the path_bytes columns,
// 5 features.layout and features.data, 6 wrote frames as JSON (their rows are read as they are).
constexpr int kPostgresSchemaVersion = 7;
constexpr const char* kFromSchema4 = R"sql(
ALTER TABLE tracks ADD COLUMN path_bytes BYTEA;
UPDATE tracks SET path_bytes = convert_to(path, 'UTF8');
ALTER TABLE tracks ALTER COLUMN path_bytes SET NOT NULL;
ALTER TABLE file_states ADD COLUMN path_bytes BYTEA;
UPDATE file_states SET path_bytes = convert_to(path, 'UTF8');
ALTER TABLE file_states DROP CONSTRAINT file_states_pkey;
ALTER TABLE file_states ADD PRIMARY KEY (path_bytes);
)sql";
constexpr long kSchemaLock = 0x74696d62;  // "timb"

// `text` with each byte that is not UTF-8 replaced by U+FFFD, exactly as json_text writes it.
std::string shown_text(const std::string& text) {
    return nlohmann::json::parse(json_text(nlohmann::json(text))).get<std::string>();
}

pqxx::binarystring path_bytes(const std::string& path) { return pqxx::binarystring(path); }

// Text for a nullable column: nullptr is sent as NULL.
const char* text_or_null(const std::optional<std::string>& value) { return value ? value->c_str() : nullptr; }

// INSERT INTO `table` of `values`, `columns` to a row, in one statement.
void insert_rows(pqxx::work& work, const std::string& table, std::size_t columns,
                 const std::vector<std::optional<std::string>>& values) {
    if (values.empty()) {
        return;
    }
    std::string sql = "INSERT INTO " + table + " VALUES ";
    for (std::size_t i = 0; i < values.size(); ++i) {
        sql += (i % columns == 0 ? (i == 0 ? "(" : "), (") : ", ") + ("$" + std::to_string(i + 1));
    }
    std::vector<const char*> parameters;
    for (const auto& value : values) {
        parameters.push_back(text_or_null(value));
    }
    work.exec_params(sql + ")", pqxx::prepare::make_dynamic_params(parameters));
}

// A bytea parameter in text form: "\x" and the bytes in hex.
std::string bytea_text(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text = "\\x";
    text.reserve(2 + 2 * bytes.size());
    for (const unsigned char byte : bytes) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0xf];
    }
    return text;
}

// The id of a list of names (its JSON text) in vector_layouts, added if it is not there. The
// names are unique by their MD5: a B-tree entry holds at most 2,704 bytes, and the similarity
// pipeline's 868 statistics' names take 14 KB.
std::int64_t add_layout(pqxx::work& work, const std::string& names_text) {
    work.exec_params("INSERT INTO vector_layouts (names) VALUES ($1) ON CONFLICT ((md5(names))) DO NOTHING",
                     names_text);
    return work.exec_params1("SELECT id FROM vector_layouts WHERE md5(names) = md5($1)", names_text)[0]
        .as<std::int64_t>();
}

std::optional<std::string> number_text(double value) {
    if (!std::isfinite(value)) {
        return std::nullopt;
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    return std::string(text);
}
}  // namespace

struct PostgresResultStore::Connection {
    explicit Connection(const std::string& address) : link(address) {}
    pqxx::connection link;
};

PostgresResultStore::PostgresResultStore(const std::string& address) : shown_(without_password(address)) {
    try {
        connection_ = std::make_unique<Connection>(address);
        pqxx::work work(connection_->link);
        work.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLock);
        work.exec(kPostgresSchema);
        const pqxx::result version = work.exec("SELECT version FROM timbre_schema");
        if (version.empty()) {
            work.exec_params("INSERT INTO timbre_schema VALUES ($1)", kPostgresSchemaVersion);
        } else {
            const int found = version[0][0].as<int>();
            if (found < 3 || found > kPostgresSchemaVersion) {
                throw Error("schema version " + std::to_string(found) + ", this timbre writes version " +
                            std::to_string(kPostgresSchemaVersion));
            }
            if (found == 3) {
                work.exec("ALTER TABLE runs ADD COLUMN IF NOT EXISTS models TEXT");
            }
            if (found <= 4) {
                work.exec(kFromSchema4);
            }
            if (found <= 5) {
                work.exec("ALTER TABLE features ADD COLUMN layout BIGINT REFERENCES vector_layouts(id), "
                          "ADD COLUMN data BYTEA");
            }
            work.exec_params("UPDATE timbre_schema SET version = $1", kPostgresSchemaVersion);
        }
        work.commit();
    } catch (const std::exception& error) {
        throw Error("results store " + shown_ + ": " + error.what());
    }
}

PostgresResultStore::~PostgresResultStore() = default;

std::int64_t PostgresResultStore::begin_run(const RunRecord& run) {
    pqxx::work work(connection_->link);
    const pqxx::row row = work.exec_params1(
        "INSERT INTO runs (started_at, command, config_path, config_text, pipeline, pipeline_text, models) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        utc_timestamp(), shown_text(run.command), shown_text(run.config_path), shown_text(run.config_text),
        run.pipeline, run.pipeline_text, run.models);
    work.commit();
    return row[0].as<std::int64_t>();
}

std::set<std::string> PostgresResultStore::completed_hashes(const std::string& pipeline) const {
    pqxx::work work(connection_->link);
    std::set<std::string> hashes;
    for (const auto& row :
         work.exec_params("SELECT DISTINCT content_hash FROM tracks WHERE pipeline = $1 AND status = 'ok'", pipeline)) {
        hashes.insert(row[0].as<std::string>());
    }
    return hashes;
}

void PostgresResultStore::record_track(std::int64_t run_id, const std::string& pipeline, const TrackResult& result) {
    try {
        pqxx::work work(connection_->link);
        const auto year = result.tags.year > 0 ? std::optional(std::to_string(result.tags.year)) : std::nullopt;
        const auto warnings =
            result.warnings.empty() ? std::nullopt : std::optional(json_text(nlohmann::json(result.warnings)));
        const pqxx::row track = work.exec_params1(
            "INSERT INTO tracks (run_id, path, path_bytes, content_hash, pipeline, status, error, format, "
            "source_rate_hz, channels, duration_s, analysed_s, elapsed_s, artist, title, album, genre, has_lyrics, "
            "analysed_at, year, warnings) "
            "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) RETURNING id",
            run_id, shown_text(result.path.string()), path_bytes(result.path.string()), result.content_hash, pipeline,
            to_string(result.status), shown_text(result.error), result.format, result.source_rate_hz,
            result.source_channels, result.duration_seconds, result.analysed_seconds, result.elapsed_seconds,
            result.tags.artist, result.tags.title, result.tags.album, result.tags.genre,
            result.tags.lyrics.empty() ? 0 : 1, utc_timestamp(), text_or_null(year), text_or_null(warnings));
        const std::string track_id = track[0].as<std::string>();
        // Every feature in one INSERT and every label in another: a round trip each, not one
        // per output (a track of the shipped pipeline has 28 outputs and dozens of labels).
        std::vector<std::optional<std::string>> features;
        std::vector<std::optional<std::string>> labels;
        for (const auto& [key, value] : result.outputs) {
            const auto* scalar = std::get_if<Scalar>(value.get());
            features.insert(features.end(), {track_id, key, std::string(to_string(port_type_of(*value))),
                                             scalar ? number_text(scalar->value) : std::nullopt});
            const FeatureColumns columns = feature_columns(*value);
            const auto add = [&](const std::string& names_text) { return add_layout(work, names_text); };
            const auto layout = columns.layout_names
                                    ? std::optional(std::to_string(layout_ids_.id_of(*columns.layout_names, add)))
                                    : std::nullopt;
            features.insert(features.end(), {columns.json, layout,
                                             columns.data ? std::optional(bytea_text(*columns.data)) : std::nullopt});
            if (const auto* distribution = std::get_if<Labels>(value.get())) {
                for (const auto& [name, probability] : distribution->probabilities()) {
                    labels.insert(labels.end(), {track_id, key, name, number_text(probability)});
                }
            }
        }
        insert_rows(work, "features (track_id, output, type, value, json, layout, data)", 7, features);
        insert_rows(work, "labels (track_id, output, label, probability)", 4, labels);
        work.commit();
    } catch (const std::exception& error) {
        layout_ids_.forget();
        throw Error("results store " + shown_ + ": cannot record " + result.path.string() + ": " + error.what() +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

std::map<std::string, LatestAnalysis> PostgresResultStore::latest_analyses() const {
    pqxx::work work(connection_->link);
    std::map<std::string, LatestAnalysis> latest;
    for (const auto& row : work.exec("SELECT DISTINCT ON (path_bytes) path_bytes, status, content_hash FROM tracks "
                                     "ORDER BY path_bytes, id DESC")) {
        latest[pqxx::binarystring(row[0]).str()] = {row[1].as<std::string>() == "ok", row[2].as<std::string>("")};
    }
    return latest;
}

std::map<std::string, KnownFile> PostgresResultStore::known_files() const {
    pqxx::work work(connection_->link);
    std::map<std::string, KnownFile> files;
    for (const auto& row : work.exec("SELECT path_bytes, bytes, modified_ns, content_hash FROM file_states")) {
        files[pqxx::binarystring(row[0]).str()] = {
            {static_cast<std::uintmax_t>(row[1].as<std::int64_t>()), row[2].as<std::int64_t>()},
            row[3].as<std::string>()};
    }
    return files;
}

void PostgresResultStore::remember_file(const std::string& path, const KnownFile& file) {
    try {
        pqxx::work work(connection_->link);
        work.exec_params(
            "INSERT INTO file_states (path_bytes, path, bytes, modified_ns, content_hash) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (path_bytes) DO UPDATE SET bytes = excluded.bytes, "
            "modified_ns = excluded.modified_ns, content_hash = excluded.content_hash",
            path_bytes(path), shown_text(path), static_cast<std::int64_t>(file.stamp.size), file.stamp.modified_ns,
            file.content_hash);
        work.commit();
    } catch (const std::exception& error) {
        throw Error("results store " + shown_ + ": cannot record " + path + ": " + error.what() +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

std::string PostgresResultStore::record_earlier_analysis(std::int64_t run_id, const std::string& pipeline,
                                                         const std::filesystem::path& path,
                                                         const std::string& content_hash) {
    try {
        pqxx::work work(connection_->link);
        const pqxx::result source = work.exec_params(
            "SELECT id, path_bytes FROM tracks WHERE pipeline = $1 AND content_hash = $2 AND status = 'ok' "
            "ORDER BY id DESC LIMIT 1",
            pipeline, content_hash);
        if (source.empty()) {
            throw Error("results store " + shown_ + ": cannot record " + path.string() +
                        ": no earlier analysis of its content by this pipeline");
        }
        const auto from = source[0][0].as<std::int64_t>();
        const pqxx::row track = work.exec_params1(
            "INSERT INTO tracks (run_id, path, path_bytes, content_hash, pipeline, status, error, format, "
            "source_rate_hz, channels, duration_s, analysed_s, elapsed_s, artist, title, album, genre, has_lyrics, "
            "analysed_at, year, warnings) SELECT $1, $2, $3, content_hash, pipeline, status, error, format, "
            "source_rate_hz, channels, duration_s, analysed_s, elapsed_s, artist, title, album, genre, has_lyrics, "
            "analysed_at, year, warnings FROM tracks WHERE id = $4 RETURNING id",
            run_id, shown_text(path.string()), path_bytes(path.string()), from);
        const auto track_id = track[0].as<std::int64_t>();
        work.exec_params(
            "INSERT INTO features (track_id, output, type, value, json, layout, data) SELECT $1, output, type, "
            "value, json, layout, data FROM features WHERE track_id = $2",
            track_id, from);
        work.exec_params(
            "INSERT INTO labels (track_id, output, label, probability) SELECT $1, output, label, "
            "probability FROM labels WHERE track_id = $2",
            track_id, from);
        work.commit();
        return pqxx::binarystring(source[0][1]).str();
    } catch (const Error&) {
        throw;
    } catch (const std::exception& error) {
        throw Error("results store " + shown_ + ": cannot record " + path.string() + ": " + error.what() +
                    ". Every track recorded before it is kept; rerun with --resume once the store can be written");
    }
}

void PostgresResultStore::finish_run(std::int64_t run_id, const RunCounts& counts) {
    pqxx::work work(connection_->link);
    work.exec_params("UPDATE runs SET finished_at = $1, tracks_ok = $2, tracks_failed = $3, tracks_skipped = $4 "
                     "WHERE id = $5",
                     utc_timestamp(), static_cast<std::int64_t>(counts.ok), static_cast<std::int64_t>(counts.failed),
                     static_cast<std::int64_t>(counts.skipped), run_id);
    work.commit();
}

namespace {
// A column of the SQLite table and the PostgreSQL column it is copied from, by default its namesake.
struct CopiedColumn {
    CopiedColumn(const char* same) : name(same), source(same) {}  // implicit: a list of columns reads as names
    CopiedColumn(const char* name, const char* source, bool blob = false) : name(name), source(source), blob(blob) {}
    std::string name;
    std::string source;
    bool blob = false;  // a bytea column kept as a BLOB (numbers), not as TEXT (a file name's bytes)
};

constexpr pqxx::oid kByteaType = 17;  // pg_type.oid of bytea

// Copies the rows of `table` (its `columns`) into the same table of `target` through a
// server-side cursor, `page` rows at a time: a million-track store never sits in memory whole.
// A bytea column becomes its bytes (a file name as the file system spells it).
void copy_table(pqxx::connection& source, SQLite::Database& target, const std::string& table,
                const std::vector<CopiedColumn>& columns, std::size_t page) {
    std::string names;
    std::string sources;
    std::string marks;
    for (const auto& column : columns) {
        names += (names.empty() ? "" : ", ") + column.name;
        sources += (sources.empty() ? "" : ", ") + column.source;
        marks += marks.empty() ? "?" : ", ?";
    }
    SQLite::Statement insert(target, "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")");
    pqxx::work work(source);
    work.exec("DECLARE copied NO SCROLL CURSOR FOR SELECT " + sources + " FROM " + table);
    for (;;) {
        const pqxx::result rows = work.exec("FETCH " + std::to_string(page) + " FROM copied");
        for (const auto& row : rows) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto field = row[static_cast<int>(i)];
                if (field.is_null()) {
                    insert.bind(static_cast<int>(i + 1));
                } else if (rows.column_type(static_cast<int>(i)) == kByteaType) {
                    const std::string bytes = pqxx::binarystring(field).str();
                    if (columns[i].blob) {
                        insert.bind(static_cast<int>(i + 1), bytes.data(), static_cast<int>(bytes.size()));
                    } else {
                        insert.bind(static_cast<int>(i + 1), bytes);
                    }
                } else {
                    insert.bind(static_cast<int>(i + 1), field.c_str());
                }
            }
            insert.exec();
            insert.reset();
        }
        if (rows.size() < page) {
            return;
        }
    }
}
}  // namespace

void copy_postgres_store(const std::string& address, const std::filesystem::path& file) {
    const std::string shown = without_password(address);
    try {
        { SqliteResultStore created(file); }
        pqxx::connection source(address);
        auto target = open_store_connection(file, SQLite::OPEN_READWRITE);
        SQLite::Transaction transaction(target);
        copy_table(source, target, "runs",
                   {"id", "started_at", "finished_at", "command", "config_path", "config_text", "pipeline",
                    "pipeline_text", "tracks_ok", "tracks_failed", "tracks_skipped", "models"},
                   1000);
        const CopiedColumn path{"path", "path_bytes"};  // the name's bytes, not the text shown
        copy_table(source, target, "tracks",
                   {"id",     "run_id",         path,       "content_hash", "pipeline",    "status",    "error",
                    "format", "source_rate_hz", "channels", "duration_s",   "analysed_s",  "elapsed_s", "artist",
                    "title",  "album",          "genre",    "has_lyrics",   "analysed_at", "year",      "warnings"},
                   10000);
        copy_table(source, target, "vector_layouts", {"id", "names"}, 1000);
        copy_table(source, target, "features",
                   {"track_id", "output", "type", "value", "json", "layout", {"data", "data", true}}, 2000);
        copy_table(source, target, "labels", {"track_id", "output", "label", "probability"}, 20000);
        transaction.commit();
    } catch (const std::exception& error) {
        throw Error("merge: cannot read the store " + shown + ": " + error.what());
    }
}

}  // namespace timbre::host
