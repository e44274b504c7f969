// SPDX-License-Identifier: GPL-3.0-or-later
// The store keeps each recorded track across reopening, and knows which content hashes a
// pipeline has already analysed successfully (failures are retried on resume); an older
// store is brought up to the current schema when opened; a second writer waits its turn.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <future>

#include "results/result_store.hpp"
#include "results/store_connection.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
TrackResult track(std::size_t index, const std::string& hash, TrackStatus status) {
    TrackResult result;
    result.index = index;
    result.path = "/music/" + hash + ".ogg";
    result.content_hash = hash;
    result.status = status;
    if (status == TrackStatus::ok) {
        result.outputs["loud.lufs"] = std::make_shared<const Value>(Scalar{-14.0, "LUFS"});
        result.outputs["genre.labels"] = std::make_shared<const Value>(Labels({{"rock", 0.75}, {"jazz", 0.25}}));
    } else {
        result.error = "decode: file is empty (0 bytes)";
    }
    return result;
}
// Schema 5 back to 4: vectors in JSON only, no layouts (SQLite cannot drop a column that
// references another table, so the features table is made again).
const std::string kToSchema4 =
    "CREATE TABLE old_features (track_id INTEGER NOT NULL REFERENCES tracks(id), output TEXT NOT NULL, "
    "type TEXT NOT NULL, value REAL, json TEXT NOT NULL, PRIMARY KEY (track_id, output)); "
    "INSERT INTO old_features SELECT track_id, output, type, value, json FROM features; "
    "DROP TABLE features; ALTER TABLE old_features RENAME TO features; DROP TABLE vector_layouts; ";

// A store holding one track ('aaa') written now, then taken back to an older schema by
// `downgrade`; then the current ResultStore opens it and records `next`.
void store_older_then_record(const std::filesystem::path& file, const std::string& downgrade, const TrackResult& next) {
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
        store.record_track(run, "pipeA", track(0, "aaa", TrackStatus::ok));
    }
    {
        SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
        database.exec(downgrade);
    }
    SqliteResultStore store(file);
    const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
    store.record_track(run, "pipeA", next);
}
}  // namespace

TEST_CASE("the store persists tracks, features and labels, and reports completed hashes per pipeline", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "results.db";
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
        store.record_track(run, "pipeA", track(0, "aaa", TrackStatus::ok));
        store.record_track(run, "pipeA", track(1, "bbb", TrackStatus::failed));
        store.finish_run(run, {1, 1, 0});
    }
    SqliteResultStore reopened(file);
    CHECK(reopened.completed_hashes("pipeA") == std::set<std::string>{"aaa"});
    CHECK(reopened.completed_hashes("pipeB").empty());

    SQLite::Database database(file.string());
    CHECK(database.execAndGet("SELECT count(*) FROM tracks").getInt() == 2);
    CHECK(database.execAndGet("SELECT error FROM tracks WHERE content_hash = 'bbb'").getString() ==
          "decode: file is empty (0 bytes)");
    CHECK(database.execAndGet("SELECT value FROM features WHERE output = 'loud.lufs'").getDouble() == -14.0);
    CHECK(database.execAndGet("SELECT probability FROM labels WHERE label = 'rock'").getDouble() == 0.75);
    CHECK(database.execAndGet("SELECT tracks_ok FROM runs").getInt() == 1);
}

TEST_CASE("a store written by an unknown schema version is refused by name", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "future.db";
    {
        SQLite::Database database(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        database.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(SqliteResultStore(file), Catch::Contains(file.string()) && Catch::Contains("schema version 99"));
}

TEST_CASE("a store of schema 1 gains the year, warnings and model terms columns when opened, keeping its tracks", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "old.db";
    TrackResult tagged = track(1, "bbb", TrackStatus::ok);
    tagged.tags.year = 1999;
    tagged.warnings = {"decode: the MP3 header suggests 3.6 s but its stream holds 1.0 s"};
    store_older_then_record(file, kToSchema4 + "ALTER TABLE tracks DROP COLUMN year; ALTER TABLE tracks DROP COLUMN warnings; "
                                  "ALTER TABLE runs DROP COLUMN models; "
                                  "PRAGMA user_version = 1", tagged);
    SQLite::Database database(file.string());
    CHECK(database.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(database.execAndGet("SELECT warnings FROM tracks WHERE content_hash = 'aaa'").isNull());
    CHECK(database.execAndGet("SELECT warnings FROM tracks WHERE content_hash = 'bbb'").getString() ==
          R"(["decode: the MP3 header suggests 3.6 s but its stream holds 1.0 s"])");
    CHECK(database.execAndGet("SELECT count(*) FROM tracks").getInt() == 2);
    CHECK(database.execAndGet("SELECT year FROM tracks WHERE content_hash = 'aaa'").isNull());
    CHECK(database.execAndGet("SELECT year FROM tracks WHERE content_hash = 'bbb'").getInt() == 1999);
}

TEST_CASE("a store of schema 2 gains the warnings and model terms columns when opened", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "two.db";
    TrackResult warned = track(1, "bbb", TrackStatus::ok);
    warned.warnings = {"one", "two"};
    store_older_then_record(file, kToSchema4 + "ALTER TABLE tracks DROP COLUMN warnings; ALTER TABLE runs DROP COLUMN models; "
                                  "PRAGMA user_version = 2", warned);
    SQLite::Database database(file.string());
    CHECK(database.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(database.execAndGet("SELECT count(*) FROM tracks").getInt() == 2);
    CHECK(database.execAndGet("SELECT warnings FROM tracks WHERE content_hash = 'bbb'").getString() == R"(["one","two"])");
}

TEST_CASE("a store of schema 3 gains the runs' model terms column when opened", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "three.db";
    store_older_then_record(file, kToSchema4 + "ALTER TABLE runs DROP COLUMN models; PRAGMA user_version = 3",
                            track(1, "bbb", TrackStatus::ok));
    SQLite::Database database(file.string());
    CHECK(database.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    CHECK(database.execAndGet("SELECT count(*) FROM runs WHERE models IS NULL").getInt() == 1);
    CHECK(database.execAndGet("SELECT models FROM runs ORDER BY id DESC LIMIT 1").getString() == "[]");
}

TEST_CASE("a command writing to a store another connection is writing to waits its turn instead of failing",
          "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "shared.db";
    { SqliteResultStore created(file); }
    SQLite::Database holder(file.string(), SQLite::OPEN_READWRITE);
    holder.exec("BEGIN IMMEDIATE");  // the write lock, as another analysis recording a track holds it
    auto second = std::async(std::launch::async, [&] {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
        store.record_track(run, "pipeA", track(0, "aaa", TrackStatus::ok));
    });
    CHECK(second.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    holder.exec("COMMIT");
    REQUIRE_NOTHROW(second.get());
    CHECK(SqliteResultStore(file).completed_hashes("pipeA") == std::set<std::string>{"aaa"});
    CHECK_THAT(why_store_was_busy(SQLITE_BUSY), Catch::Contains("locked for over 60 s"));
    CHECK(why_store_was_busy(SQLITE_FULL).empty());
}
