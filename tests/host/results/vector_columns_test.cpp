// SPDX-License-Identifier: GPL-3.0-or-later
// A vector output is kept as its numbers with its names once per store (schema 5); what is
// read back is exactly what was recorded, beside the JSON vectors of an older store, and a
// merged store's vectors keep their names though its layout ids differ from the target's.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>

#include "results/result_store.hpp"
#include "results/store_merge.hpp"
#include "results/vector_columns.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
TrackResult with_signature(const std::string& hash, std::vector<std::string> names, std::vector<double> values) {
    TrackResult result;
    result.path = "/music/" + hash + ".ogg";
    result.content_hash = hash;
    result.status = TrackStatus::ok;
    result.outputs["m.signature"] = std::make_shared<const Value>(Vector(std::move(names), std::move(values)));
    return result;
}

void record(const std::filesystem::path& file, const std::vector<TrackResult>& tracks) {
    SqliteResultStore store(file);
    const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
    for (const auto& track : tracks) {
        store.record_track(run, "pipeA", track);
    }
}

// The signature of the track at `path` as the library reads it.
const Vector& signature_of(const TrackCatalogue& catalogue, const std::string& path) {
    const Vector* signature = catalogue.signature("m", catalogue.find(path));
    REQUIRE(signature);
    return *signature;
}
}  // namespace

TEST_CASE("a vector is stored as its numbers with its names once, and reads back exactly", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "vectors.db";
    const double nan = std::nan("");
    record(file, {with_signature("aaa", {"a", "b", "c"}, {1.0 / 3.0, nan, -2e-300}),
                  with_signature("bbb", {"a", "b", "c"}, {4.0, 5.0, 6.0})});

    SQLite::Database database(file.string());
    CHECK(database.execAndGet("SELECT count(*) FROM vector_layouts").getInt() == 1);
    CHECK(database.execAndGet("SELECT names FROM vector_layouts").getString() == R"(["a","b","c"])");
    CHECK(database.execAndGet("SELECT count(*) FROM features WHERE length(data) = 24 AND json = '{\"type\":\"vector\"}'")
              .getInt() == 2);

    const auto catalogue = TrackCatalogue::open(file);
    const Vector& first = signature_of(catalogue, "/music/aaa.ogg");
    CHECK(first.names() == std::vector<std::string>{"a", "b", "c"});
    CHECK(first.values()[0] == 1.0 / 3.0);
    CHECK(std::isnan(first.values()[1]));
    CHECK(first.values()[2] == -2e-300);
    const Vector& second = signature_of(catalogue, "/music/bbb.ogg");
    CHECK(second.values() == std::vector<double>{4.0, 5.0, 6.0});
    CHECK(second.shared_names() == first.shared_names());
}

TEST_CASE("bytes that are not the layout's numbers are refused by name", "[store]") {
    CHECK(vector_values(std::string(16, '\0'), 2).size() == 2);
    CHECK_THROWS_WITH(vector_values(std::string(12, '\0'), 2), Catch::Contains("12 bytes of numbers for 2 names"));
    CHECK_THROWS_WITH(layout_names("{\"a\": 1}"), Catch::Contains("not a JSON list of names"));
    CHECK(layout_names(layout_names_text({"x \"quoted\"", "ü"})) == std::vector<std::string>{"x \"quoted\"", "ü"});
}

TEST_CASE("a store of schema 4 keeps its JSON vectors, read beside the vectors written after it", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "four.db";
    record(file, {with_signature("aaa", {"a", "b"}, {0.0, 0.0})});
    {
        SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
        database.exec(
            "CREATE TABLE old_features (track_id INTEGER NOT NULL REFERENCES tracks(id), output TEXT NOT NULL, "
            "type TEXT NOT NULL, value REAL, json TEXT NOT NULL, PRIMARY KEY (track_id, output)); "
            "INSERT INTO old_features SELECT track_id, output, type, value, "
            "'{\"type\": \"vector\", \"values\": {\"a\": 1.5, \"b\": null}}' FROM features; "
            "DROP TABLE features; ALTER TABLE old_features RENAME TO features; DROP TABLE vector_layouts; "
            "PRAGMA user_version = 4");
    }
    const auto before = TrackCatalogue::open(file);  // read-only, as every reading command opens it
    CHECK(signature_of(before, "/music/aaa.ogg").values()[0] == 1.5);

    record(file, {with_signature("bbb", {"a", "b"}, {2.5, 3.5})});
    SQLite::Database database(file.string());
    CHECK(database.execAndGet("PRAGMA user_version").getInt() == kStoreSchemaVersion);
    const auto after = TrackCatalogue::open(file);
    const Vector& old = signature_of(after, "/music/aaa.ogg");
    CHECK(old.names() == std::vector<std::string>{"a", "b"});
    CHECK(old.values()[0] == 1.5);
    CHECK(std::isnan(old.values()[1]));
    CHECK(signature_of(after, "/music/bbb.ogg").values() == std::vector<double>{2.5, 3.5});
}

TEST_CASE("merging a store gives its vectors the target's layout ids for their names", "[store]") {
    test::ScratchDirectory scratch;
    const auto target = scratch / "target.db";
    const auto shard = scratch / "shard.db";
    record(target, {with_signature("aaa", {"x1", "x2"}, {1.0, 2.0}), with_signature("bbb", {"y"}, {3.0})});
    record(shard, {with_signature("ccc", {"y"}, {4.0}), with_signature("ddd", {"z1", "z2", "z3"}, {5.0, 6.0, 7.0})});
    merge_store(target, shard);

    SQLite::Database database(target.string());
    CHECK(database.execAndGet("SELECT count(*) FROM vector_layouts").getInt() == 3);
    const auto catalogue = TrackCatalogue::open(target);
    CHECK(signature_of(catalogue, "/music/ccc.ogg").names() == std::vector<std::string>{"y"});
    CHECK(signature_of(catalogue, "/music/ccc.ogg").values() == std::vector<double>{4.0});
    CHECK(signature_of(catalogue, "/music/ddd.ogg").names() == std::vector<std::string>{"z1", "z2", "z3"});
    CHECK(signature_of(catalogue, "/music/aaa.ogg").names() == std::vector<std::string>{"x1", "x2"});
}
