// SPDX-License-Identifier: GPL-3.0-or-later
// A result crossing from a worker process arrives as it left: every field, every kind of
// value, NaN and the last bit of every float included.
#include <catch2/catch.hpp>

#include <cmath>

#include "isolation/track_result_codec.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("a track result survives the worker codec exactly, NaN and every value kind included", "[isolation]") {
    TrackResult sent;
    sent.index = 41;
    sent.path = "/music/ünï cødé.flac";
    sent.status = TrackStatus::ok;
    sent.content_hash = "00ff";
    sent.tags = {"Artist", "Title", "Album", "Jazz", 1959, "la la"};
    sent.format = "FLAC";
    sent.source_rate_hz = 44100.0;
    sent.source_channels = 2;
    sent.duration_seconds = 183.25;
    sent.analysed_seconds = 30.0;
    sent.elapsed_seconds = 0.125;
    const auto share = [](Value value) { return std::make_shared<const Value>(std::move(value)); };
    sent.outputs["a.audio"] = share(Audio({0.1f, -0.5f}, 22050.0));
    sent.outputs["a.source"] = share(MultichannelAudio({{0.1f, 0.2f}, {0.3f, 0.4f}}, 44100.0));
    sent.outputs["a.frames"] = share(Frames(2, 3, 0.5, {1.0f / 3.0f, 2, 3, 4, NAN, 6}, {"x", "y", "z"}));
    sent.outputs["a.vector"] = share(Vector({"mean", "unknown"}, {0.1 + 0.2, NAN}));
    sent.outputs["a.labels"] = share(Labels({{"rock", 0.75}, {"jazz", 0.25}}));
    sent.outputs["a.scalar"] = share(Scalar{NAN, "BPM"});
    sent.outputs["a.text"] = share(Text{"words"});
    sent.skipped_nodes["lyrics"] = "no lyrics";
    sent.warnings = {"decode: header disagrees"};

    const auto bytes = nlohmann::json::to_cbor(encode_track_result(sent));
    const TrackResult got = decode_track_result(nlohmann::json::from_cbor(bytes));

    CHECK(got.index == 41);
    CHECK(got.path == sent.path);
    CHECK(got.status == TrackStatus::ok);
    CHECK(got.tags.year == 1959);
    CHECK(got.tags.lyrics == "la la");
    CHECK(got.duration_seconds == 183.25);
    CHECK(got.skipped_nodes == sent.skipped_nodes);
    CHECK(got.warnings == sent.warnings);
    REQUIRE(got.outputs.size() == sent.outputs.size());
    CHECK(std::get<Audio>(*got.outputs.at("a.audio")).samples() == std::vector<float>{0.1f, -0.5f});
    CHECK(std::get<MultichannelAudio>(*got.outputs.at("a.source")).channels()[1][1] == 0.4f);
    const auto& frames = std::get<Frames>(*got.outputs.at("a.frames"));
    CHECK(frames.at(0, 0) == 1.0f / 3.0f);
    CHECK(std::isnan(frames.at(1, 1)));
    CHECK(frames.bin_names()[2] == "z");
    CHECK(frames.hop_seconds() == 0.5);
    const auto& vector = std::get<Vector>(*got.outputs.at("a.vector"));
    CHECK(vector.values()[0] == 0.1 + 0.2);
    CHECK(std::isnan(vector.values()[1]));
    CHECK(std::get<Labels>(*got.outputs.at("a.labels")).top() == "rock");
    CHECK(std::isnan(std::get<Scalar>(*got.outputs.at("a.scalar")).value));
    CHECK(std::get<Text>(*got.outputs.at("a.text")).text == "words");
}

TEST_CASE("a malformed worker message is refused with a reason, not trusted", "[isolation]") {
    CHECK_THROWS_WITH(decode_track_result(nlohmann::json{{"index", 1}}),
                      Catch::Contains("a worker's track result is malformed"));
}
