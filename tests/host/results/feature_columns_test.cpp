// SPDX-License-Identifier: GPL-3.0-or-later
// Frames (beat times, frame-wise features) are kept as the floats the extractor computed, their
// shape, hop and bin names in the JSON (schema 6): they read back exactly, missing numbers as
// missing; bytes that do not fit the shape are refused; frames written as JSON by an older
// store are left to the JSON reader, and merging such a store rewrites its JSON vectors and
// frames as numbers.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <limits>

#include "results/feature_columns.hpp"
#include "results/json_text.hpp"
#include "results/result_store.hpp"
#include "results/store_merge.hpp"
#include "results/value_json.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("frames are stored as their floats with their shape, and read back exactly", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "frames.db";
    const float infinite = std::numeric_limits<float>::infinity();
    const Frames beats(3, 2, 0.5, {0.1f, 1.0f / 3.0f, std::nanf(""), -infinite, 7e-39f, 1e30f}, {"time", "strength"});
    TrackResult track;
    track.path = "/music/a.ogg";
    track.content_hash = "aaa";
    track.status = TrackStatus::ok;
    track.outputs["rhythm.beats"] = std::make_shared<const Value>(beats);
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
        store.record_track(run, "pipeA", track);
    }

    SQLite::Database database(file.string());
    SQLite::Statement row(database, "SELECT json, data, layout FROM features WHERE output = 'rhythm.beats'");
    REQUIRE(row.executeStep());
    const auto json = nlohmann::ordered_json::parse(row.getColumn(0).getString());
    CHECK(json.dump() == R"({"type":"frames","hop_s":0.5,"shape":[3,2],"bins":["time","strength"]})");
    CHECK(row.getColumn(1).getBytes() == 6 * 4);
    CHECK(row.getColumn(2).isNull());
    const auto read = stored_frames(json, std::string_view(static_cast<const char*>(row.getColumn(1).getBlob()), 24));
    REQUIRE(read);
    CHECK(read->frame_count() == 3);
    CHECK(read->bin_count() == 2);
    CHECK(read->hop_seconds() == 0.5);
    CHECK(read->bin_names() == beats.bin_names());
    CHECK(read->at(0, 0) == 0.1f);
    CHECK(read->at(0, 1) == 1.0f / 3.0f);
    CHECK(std::isnan(read->at(1, 0)));
    CHECK(std::isnan(read->at(1, 1)));  // as in the JSON, a number that is not finite is missing
    CHECK(read->at(2, 0) == 7e-39f);    // subnormal, kept
    CHECK(read->at(2, 1) == 1e30f);
}

TEST_CASE("stored frames whose bytes do not fit their shape are refused, and JSON frames left to JSON", "[store]") {
    const auto header = nlohmann::ordered_json::parse(R"({"type":"frames","hop_s":0.5,"shape":[2,1]})");
    CHECK(stored_frames(header, std::string(8, '\0'))->frame_count() == 2);
    CHECK_THROWS_WITH(stored_frames(header, std::string(12, '\0')),
                      Catch::Contains("stored frames could not be read: 12 bytes of numbers for 2 x 1"));
    const auto without_hop = nlohmann::ordered_json::parse(R"({"type":"frames","shape":[2,1]})");
    CHECK_THROWS_WITH(stored_frames(without_hop, std::string(8, '\0')),
                      Catch::Contains("stored frames could not be read: their header"));
    const auto as_json = nlohmann::ordered_json::parse(R"({"type":"frames","hop_s":0.5,"data":[[1.0],[2.0]]})");
    CHECK_FALSE(stored_frames(as_json, ""));
    CHECK_FALSE(stored_frames(nlohmann::ordered_json::parse(R"({"type":"vector"})"), std::string(8, '\0')));
}

namespace {
TrackResult with_signature_and_beats(const std::string& hash, double first, const Frames& beats) {
    TrackResult track;
    track.path = "/music/" + hash + ".ogg";
    track.content_hash = hash;
    track.status = TrackStatus::ok;
    track.outputs["m.signature"] = std::make_shared<const Value>(Vector({"a", "b"}, {first, std::nan("")}));
    track.outputs["rhythm.beats"] = std::make_shared<const Value>(beats);
    return track;
}

// A store as a timbre before schema 6 left it: every vector and frames row as JSON numbers.
void store_as_older_timbre(const std::filesystem::path& file, const std::vector<TrackResult>& tracks) {
    {
        SqliteResultStore store(file);
        const auto run = store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"});
        for (const auto& track : tracks) {
            store.record_track(run, "pipeA", track);
        }
    }
    SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
    SQLite::Statement update(database, "UPDATE features SET json = ?, layout = NULL, data = NULL "
                                       "WHERE output = ? AND track_id = (SELECT id FROM tracks WHERE path = ?)");
    for (const auto& track : tracks) {
        for (const auto& [output, value] : track.outputs) {
            update.bind(1, json_text(value_to_json(*value)));
            update.bind(2, output);
            update.bind(3, track.path.string());
            update.exec();
            update.reset();
        }
    }
    database.exec("PRAGMA user_version = 5");
}

int rows_of_json_numbers(const std::filesystem::path& file) {
    SQLite::Database database(file.string());
    return database.execAndGet("SELECT count(*) FROM features WHERE data IS NULL AND type IN ('vector', 'frames')")
        .getInt();
}
}  // namespace

TEST_CASE("merging a store an older timbre wrote keeps its vectors and frames as numbers", "[store]") {
    test::ScratchDirectory scratch;
    const auto old = scratch / "old.db";
    const auto target = scratch / "new.db";
    const Frames beats(3, 1, 0.5, {0.25f, std::nanf(""), 1.0f / 3.0f});
    store_as_older_timbre(old, {with_signature_and_beats("aaa", 1.0 / 3.0, beats),
                                with_signature_and_beats("bbb", 2.0, Frames(0, 0, 0.5, {}))});
    REQUIRE(rows_of_json_numbers(old) == 4);

    merge_store(target, old);
    CHECK(rows_of_json_numbers(target) == 0);
    const auto catalogue = TrackCatalogue::open(target);
    const Vector* signature = catalogue.signature("m", catalogue.find("/music/aaa.ogg"));
    REQUIRE(signature);
    CHECK(signature->names() == std::vector<std::string>{"a", "b"});
    CHECK(signature->values()[0] == 1.0 / 3.0);
    CHECK(std::isnan(signature->values()[1]));
    SQLite::Database database(target.string());
    SQLite::Statement row(database, "SELECT f.json, f.data FROM features f JOIN tracks t ON t.id = f.track_id "
                                    "WHERE f.output = 'rhythm.beats' ORDER BY t.path");
    REQUIRE(row.executeStep());
    const auto read = stored_frames(nlohmann::ordered_json::parse(row.getColumn(0).getString()),
                                    std::string_view(static_cast<const char*>(row.getColumn(1).getBlob()),
                                                     row.getColumn(1).getBytes()));
    REQUIRE(read);
    CHECK(read->frame_count() == 3);
    CHECK(read->at(0, 0) == 0.25f);
    CHECK(std::isnan(read->at(1, 0)));
    CHECK(read->at(2, 0) == 1.0f / 3.0f);
    REQUIRE(row.executeStep());
    CHECK(row.getColumn(0).getString() == R"({"type":"frames","hop_s":0.5,"shape":[0,0]})");
}

TEST_CASE("a merge whose old JSON numbers cannot be read names the track and output, and changes nothing", "[store]") {
    test::ScratchDirectory scratch;
    const auto old = scratch / "old.db";
    const auto target = scratch / "new.db";
    store_as_older_timbre(old, {with_signature_and_beats("aaa", 1.0, Frames(1, 1, 0.5, {0.5f}))});
    {
        SQLite::Database database(old.string(), SQLite::OPEN_READWRITE);
        database.exec(R"(UPDATE features SET json = '{"type":"frames","hop_s":0.5,"data":[[1.0],[2.0,3.0]]}' )"
                      "WHERE output = 'rhythm.beats'");
    }
    CHECK_THROWS_WITH(merge_store(target, old),
                      Catch::Contains("output rhythm.beats: a stored output could not be read from its JSON: its rows "
                                      "are not all 1 long") &&
                          Catch::Contains("is unchanged"));
    SQLite::Database database(target.string());
    CHECK(database.execAndGet("SELECT count(*) FROM tracks").getInt() == 0);
}
