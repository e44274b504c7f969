// SPDX-License-Identifier: GPL-3.0-or-later
// An optional node that fails on a track (lyrics from a file that has none) is skipped with
// everything that reads it; the track still succeeds with its other outputs, and the JSONL
// and CSV say which nodes were skipped and why. A node that is not optional still fails it.
// A node that can do without it (timbre.consensus, the answer of several models) still runs.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
std::map<std::string, nlohmann::json> records_by_file(const std::filesystem::path& jsonl) {
    std::map<std::string, nlohmann::json> records;
    std::istringstream text(test::read_text(jsonl));
    for (std::string line; std::getline(text, line);) {
        const auto record = nlohmann::json::parse(line);
        records[std::filesystem::path(record["path"].get<std::string>()).filename().string()] = record;
    }
    return records;
}

std::string config(bool optional) {
    const auto model = test::source_dir / "plugins" / "xgboost" / "models" / "moodylyrics-mood.ubj";
    return "sample_rate: 22050\nnodes:\n"
           "  - {id: loudness, plugin: timbre.loudness, inputs: {source: track.source}}\n"
           "  - {id: mood, plugin: timbre.text_classifier, optional: " + std::string(optional ? "true" : "false") +
           ", params: {model: '" + model.string() + "'}, inputs: {text: track.lyrics}}\n"
           "  - {id: both, plugin: timbre.join, inputs: {s1: loudness.integrated, l1: mood.labels}}\n"
           "outputs: [loudness.integrated, mood.labels, both.vector]\n";
}
}  // namespace

TEST_CASE("an optional node failing on a track skips it and its readers, not the track", "[cli]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "optional.yaml", config(true));
    const auto good = test::fixtures / "library" / "good";
    const auto run = test::run_timbre({"analyze", (scratch / "optional.yaml").string(), (good / "chord.ogg").string(),
                                       (good / "tone.flac").string(), "--db", (scratch / "o.db").string(), "--out",
                                       (scratch / "o.jsonl").string(), "--csv", (scratch / "o.csv").string()});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    const auto records = records_by_file(scratch / "o.jsonl");
    const auto& with_lyrics = records.at("chord.ogg");
    CHECK(with_lyrics["status"] == "ok");
    CHECK(with_lyrics["outputs"].contains("mood.labels"));
    CHECK(with_lyrics["outputs"].contains("both.vector"));
    CHECK_FALSE(with_lyrics.contains("skipped_nodes"));
    const auto& without = records.at("tone.flac");
    CHECK(without["status"] == "ok");
    CHECK(without["outputs"].contains("loudness.integrated"));
    CHECK_FALSE(without["outputs"].contains("mood.labels"));
    CHECK_FALSE(without["outputs"].contains("both.vector"));
    CHECK_THAT(without["skipped_nodes"]["mood"].get<std::string>(), Catch::Contains("no words"));
    CHECK_THAT(without["skipped_nodes"]["both"].get<std::string>(), Catch::Contains("reads mood.labels"));
    CHECK_THAT(test::read_text(scratch / "o.csv"), Catch::Contains("mood: node 'mood'"));

    test::write_text(scratch / "required.yaml", config(false));
    const auto strict = test::run_timbre({"analyze", (scratch / "required.yaml").string(),
                                          (good / "tone.flac").string(), "--db", (scratch / "r.db").string()});
    CHECK(strict.exit_code == 2);
    CHECK_THAT(strict.output, Catch::Contains("no words"));
}

TEST_CASE("configs/full.yaml gives every track genre and mood from audio, from lyrics where embedded, and one answer of each in words", "[cli]") {
    test::ScratchDirectory scratch;
    const auto run = test::run_timbre({"analyze", (test::source_dir / "configs" / "full.yaml").string(),
                                       (test::fixtures / "library" / "good").string(), "--db",
                                       (scratch / "f.db").string(), "--out", (scratch / "f.jsonl").string()});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    const auto records = records_by_file(scratch / "f.jsonl");
    REQUIRE(records.size() == 3);
    for (const auto& [file, record] : records) {
        INFO(file);
        CHECK(record["status"] == "ok");
        for (const char* output :
             {"genre_taxonomy.labels", "genre_trees.labels", "genre_cnn.labels", "mood_trees.labels", "mood_cnn.labels",
              "mood_triplet.labels", "loudness.integrated", "descriptors.descriptors"}) {
            CHECK(record["outputs"].contains(output));
        }
        const bool has_lyrics = record["tags"]["has_lyrics"];
        CHECK(record["outputs"].contains("mood_lyrics.labels") == has_lyrics);
        CHECK(record.contains("skipped_nodes") == !has_lyrics);
        // One answer each, in words, with or without the lyrics models.
        const auto& mood = record["outputs"]["mood.labels"];
        CHECK(mood["probabilities"].size() == 4);
        CHECK(mood["probabilities"].contains("calm / relaxed"));
        CHECK(mood["probabilities"].contains(mood["top"].get<std::string>()));
        const auto& genre = record["outputs"]["genre.labels"];
        CHECK(genre["probabilities"].contains(genre["top"].get<std::string>()));
        CHECK(genre["probabilities"].contains("classical"));
        // The taxonomy's thirteen genres, and MusicMood's Christian where lyrics are embedded.
        CHECK(genre["probabilities"].size() == (has_lyrics ? 14 : 13));
        CHECK(genre["probabilities"].contains("hip-hop"));
        double sum = 0.0;
        for (const auto& [answer, probability] : mood["probabilities"].items()) {
            sum += probability.get<double>();
        }
        CHECK(sum == Approx(1.0));
        // Without lyrics, where the three audio models agree the answer is theirs.
        const std::string trees = record["outputs"]["mood_trees.labels"]["top"];
        if (!has_lyrics && trees == record["outputs"]["mood_cnn.labels"]["top"].get<std::string>() &&
            trees == record["outputs"]["mood_triplet.labels"]["top"].get<std::string>()) {
            CHECK(mood["top"] == trees);
        }
    }
    CHECK(records.at("chord.ogg")["tags"]["has_lyrics"] == true);
    CHECK(records.at("chord.ogg")["outputs"]["genre.labels"]["probabilities"].contains("christian"));
}
