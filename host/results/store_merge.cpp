// SPDX-License-Identifier: GPL-3.0-or-later
// The source is ATTACHed to the target's connection: runs and tracks are copied row by row
// (each needs its new id), features and labels in one INSERT ... SELECT through a map of
// track ids (and of vector layouts, by their names); a store in which an older timbre wrote
// JSON numbers is copied row by row instead, those rows written the current way.
#include "results/store_merge.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <vector>

#include "results/feature_columns.hpp"
#include "results/result_store.hpp"
#include "results/store_connection.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {
constexpr const char* kRunColumns =
    "started_at, finished_at, command, config_path, config_text, pipeline, pipeline_text, tracks_ok, tracks_failed, "
    "tracks_skipped, models";
constexpr const char* kTrackColumns =
    "path, content_hash, pipeline, status, error, format, source_rate_hz, channels, duration_s, analysed_s, elapsed_s, "
    "artist, title, album, genre, has_lyrics, analysed_at, year, warnings";

// Runs `copy` (bound) and records the row's new id against `old_id` with `map`.
void copy_with_new_id(SQLite::Database& database, SQLite::Statement& copy, SQLite::Statement& map, std::int64_t old_id) {
    copy.exec();
    copy.reset();
    map.bind(1, old_id);
    map.bind(2, database.getLastInsertRowid());
    map.exec();
    map.reset();
}

void copy_runs(SQLite::Database& database, MergeCounts& counts) {
    database.exec("CREATE TEMP TABLE run_ids (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)");
    SQLite::Statement runs(database, std::string("SELECT id FROM source.runs ORDER BY id"));
    SQLite::Statement copy(database, std::string("INSERT INTO main.runs (") + kRunColumns + ") SELECT " + kRunColumns +
                                         " FROM source.runs WHERE id = ?");
    SQLite::Statement map(database, "INSERT INTO run_ids VALUES (?, ?)");
    while (runs.executeStep()) {
        const std::int64_t old_id = runs.getColumn(0).getInt64();
        copy.bind(1, old_id);
        copy_with_new_id(database, copy, map, old_id);
        ++counts.runs;
    }
}

// Binds parameter `index` of `statement` to exactly what `column` holds.
void bind_as_read(SQLite::Statement& statement, int index, const SQLite::Column& column) {
    switch (column.getType()) {
    case SQLITE_NULL: statement.bind(index); break;
    case SQLITE_INTEGER: statement.bind(index, column.getInt64()); break;
    case SQLITE_FLOAT: statement.bind(index, column.getDouble()); break;
    case SQLITE_BLOB: statement.bind(index, column.getBlob(), column.getBytes()); break;
    default: statement.bind(index, column.getString()); break;
    }
}

// The features of a store in which an older timbre wrote vectors or frames as JSON numbers,
// copied one row at a time in the source's order, those rows written the current way
// (results/feature_columns.hpp): merging an old store into a new file is how its rows take a
// third of the room. (Converted after a bulk copy, the JSON's pages stayed in the file; copied
// out of order, the table took 13 % more pages.)
void copy_features_rewriting_json_numbers(SQLite::Database& database) {
    SQLite::Statement rows(database, "SELECT m.new, f.output, f.type, f.value, f.json, l.new, f.data "
                                     "FROM source.features f JOIN track_ids m ON m.old = f.track_id "
                                     "LEFT JOIN layout_ids l ON l.old = f.layout ORDER BY f.rowid");
    SQLite::Statement insert(database, "INSERT INTO main.features (track_id, output, type, value, json, layout, data) "
                                       "VALUES (?, ?, ?, ?, ?, ?, ?)");
    LayoutIds layout_ids;
    while (rows.executeStep()) {
        const std::int64_t track_id = rows.getColumn(0).getInt64();
        const std::string output = rows.getColumn(1).getString();
        const std::string type = rows.getColumn(2).getString();
        std::optional<Value> value;
        if (rows.getColumn(6).isNull() && (type == "vector" || type == "frames")) {
            try {
                value = value_of_json_numbers(nlohmann::ordered_json::parse(rows.getColumn(4).getString()));
            } catch (const std::exception& error) {
                throw Error("track " + std::to_string(track_id) + ", output " + output + ": " + error.what());
            }
        }
        insert.bind(1, track_id);
        insert.bind(2, output);
        insert.bind(3, type);
        for (const int column : {3, 4, 5, 6}) {
            bind_as_read(insert, column + 1, rows.getColumn(column));
        }
        if (value) {
            bind_feature_columns(insert, 5, feature_columns(*value), layout_ids, database);
        }
        insert.exec();
        insert.reset();
    }
}

void copy_tracks(SQLite::Database& database, MergeCounts& counts) {
    database.exec("CREATE TEMP TABLE track_ids (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)");
    // Already there: the same analysis (pipeline, path, content) that succeeded, or a failure
    // of the same pipeline on the same path that is already recorded.
    SQLite::Statement present(database,
                              "SELECT 1 FROM main.tracks WHERE pipeline = ?1 AND path = ?2 AND "
                              "((?4 = 'ok' AND status = 'ok' AND content_hash IS ?3) OR (?4 = 'failed' AND status = 'failed'))");
    SQLite::Statement tracks(database, "SELECT id, run_id, pipeline, path, content_hash, status FROM source.tracks ORDER BY id");
    SQLite::Statement copy(database, std::string("INSERT INTO main.tracks (run_id, ") + kTrackColumns +
                                         ") SELECT (SELECT new FROM run_ids WHERE old = ?), " + kTrackColumns +
                                         " FROM source.tracks WHERE id = ?");
    SQLite::Statement map(database, "INSERT INTO track_ids VALUES (?, ?)");
    while (tracks.executeStep()) {
        const std::int64_t old_id = tracks.getColumn(0).getInt64();
        present.bind(1, tracks.getColumn(2).getString());
        present.bind(2, tracks.getColumn(3).getString());
        if (tracks.getColumn(4).isNull()) {
            present.bind(3);
        } else {
            present.bind(3, tracks.getColumn(4).getString());
        }
        present.bind(4, tracks.getColumn(5).getString());
        const bool already_there = present.executeStep();
        present.reset();
        if (already_there) {
            ++counts.tracks_already_there;
            continue;
        }
        copy.bind(1, tracks.getColumn(1).getInt64());
        copy.bind(2, old_id);
        copy_with_new_id(database, copy, map, old_id);
        ++counts.tracks_added;
    }
    // A vector's names by the target's id for the same list (results/vector_columns.hpp).
    database.exec("INSERT INTO main.vector_layouts (names) SELECT names FROM source.vector_layouts WHERE true "
                  "ON CONFLICT (names) DO NOTHING");
    database.exec("CREATE TEMP TABLE layout_ids AS SELECT o.id AS old, n.id AS new FROM source.vector_layouts o "
                  "JOIN main.vector_layouts n ON n.names = o.names");
    const bool json_numbers = database.execAndGet("SELECT EXISTS (SELECT 1 FROM source.features WHERE data IS NULL "
                                                  "AND type IN ('vector', 'frames'))")
                                  .getInt();
    if (json_numbers) {
        copy_features_rewriting_json_numbers(database);
    } else {
        database.exec("INSERT INTO main.features (track_id, output, type, value, json, layout, data) SELECT m.new, "
                      "f.output, f.type, f.value, f.json, l.new, f.data FROM source.features f "
                      "JOIN track_ids m ON m.old = f.track_id LEFT JOIN layout_ids l ON l.old = f.layout");
    }
    database.exec("INSERT INTO main.labels (track_id, output, label, probability) SELECT m.new, l.output, l.label, "
                  "l.probability FROM source.labels l JOIN track_ids m ON m.old = l.track_id");
}

}  // namespace

MergeCounts merge_store(const std::filesystem::path& target, const std::filesystem::path& source) {
    if (!std::filesystem::is_regular_file(source)) {
        throw Error("merge: " + source.string() + " is not a results store (no such file)");
    }
    if (std::filesystem::exists(target) && std::filesystem::equivalent(target, source)) {
        throw Error("merge: " + source.string() + " is the store being merged into");
    }
    SqliteResultStore{source};  // brings it to the current schema, or refuses it by name
    SqliteResultStore{target};
    MergeCounts counts;
    try {
        auto database = open_store_connection(target, SQLite::OPEN_READWRITE);
        database.exec("PRAGMA foreign_keys=ON");
        SQLite::Statement attach(database, "ATTACH DATABASE ? AS source");
        attach.bind(1, source.string());
        attach.exec();
        SQLite::Transaction transaction(database);
        copy_runs(database, counts);
        copy_tracks(database, counts);
        transaction.commit();
    } catch (const std::exception& error) {
        throw Error("merge: cannot add " + source.string() + " to " + target.string() + ": " + error.what() +
                    "; " + target.string() + " is unchanged");
    }
    return counts;
}

}  // namespace timbre::host
