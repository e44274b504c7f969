// SPDX-License-Identifier: GPL-3.0-or-later
// Frames (beat times, frame-wise features) are kept as the floats the extractor computed, their
// shape, hop and bin names in the JSON (schema 6): they read back exactly, missing numbers as
// missing; bytes that do not fit the shape are refused; frames written as JSON by an older
// store are left to the JSON reader.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <limits>

#include "results/feature_columns.hpp"
#include "results/result_store.hpp"
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
        store.record_track(store.begin_run({"timbre analyze", "c.yaml", "nodes: []", "pipeA", "canonical"}), "pipeA", track);
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
    CHECK_THROWS_WITH(stored_frames(nlohmann::ordered_json::parse(R"({"type":"frames","shape":[2,1]})"), std::string(8, '\0')),
                      Catch::Contains("stored frames could not be read: their header"));
    CHECK_FALSE(stored_frames(nlohmann::ordered_json::parse(R"({"type":"frames","hop_s":0.5,"data":[[1.0],[2.0]]})"), ""));
    CHECK_FALSE(stored_frames(nlohmann::ordered_json::parse(R"({"type":"vector"})"), std::string(8, '\0')));
}
