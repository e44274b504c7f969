// SPDX-License-Identifier: GPL-3.0-or-later
// Config composition: `include` brings in another config's nodes, settings and outputs; a
// node is defined once unless replaced under `overrides`; every mistake is reported at the
// file, line and column where it was written, included files too.
#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "support/command_run.hpp"
#include "support/builtin_registry.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
const char* kBase = R"(sample_rate: 16000
nodes:
  - {id: mel, plugin: timbre.melspec, params: {bands: 40}, inputs: {audio: track.audio}}
  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}
outputs: [mfcc.mfcc]
)";

std::vector<Diagnostic> diagnostics_of(const std::filesystem::path& file, PipelineConfig* parsed = nullptr) {
    std::vector<Diagnostic> diagnostics;
    PipelineConfig config = read_pipeline(file, diagnostics);
    if (parsed) {
        *parsed = config;
    }
    return diagnostics;
}

std::string all(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) {
        text += d.text() + "\n";
    }
    return text;
}
}  // namespace

TEST_CASE("an included config's nodes come first, its settings and outputs carry over", "[graph]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "base");
    test::write_text(scratch / "base" / "features.yaml", kBase);
    test::write_text(scratch / "more.yaml", "include: base/features.yaml\nnodes:\n"
                                            "  - {id: stats, plugin: timbre.summary, inputs: {frames: mfcc.mfcc}}\n"
                                            "outputs: [stats.stats]\n");
    PipelineConfig config;
    const auto diagnostics = diagnostics_of(scratch / "more.yaml", &config);
    INFO(all(diagnostics));
    REQUIRE(diagnostics.empty());
    REQUIRE(config.nodes.size() == 3);
    CHECK(config.nodes[0].id == "mel");
    CHECK(config.nodes[2].id == "stats");
    CHECK(config.sample_rate_hz == 16000.0);
    REQUIRE(config.outputs);
    CHECK(config.outputs->size() == 2);
    CHECK(config.included == std::vector<std::string>{(scratch / "base" / "features.yaml").lexically_normal().string()});
    CHECK(config.nodes[0].position.file == (scratch / "base" / "features.yaml").lexically_normal().string());
}

TEST_CASE("a mistake inside an included config is reported at that file's line and column", "[graph]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "broken.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, params: {bandz: 40}, "
                                              "inputs: {audio: track.audio}}\n");
    test::write_text(scratch / "top.yaml", "include: broken.yaml\nnodes:\n"
                                           "  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}\n");
    std::vector<Diagnostic> diagnostics;
    const auto config = read_pipeline(scratch / "top.yaml", diagnostics);
    CHECK_THROWS_WITH(build_graph(config, test::builtin_registry(), diagnostics),
                      Catch::Contains((scratch / "broken.yaml").string() + ":2:") && Catch::Contains("bandz"));
}

TEST_CASE("a node defined twice is refused naming both places, and overrides replace included nodes", "[graph]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "base.yaml", kBase);
    test::write_text(scratch / "twice.yaml", "include: base.yaml\nnodes:\n"
                                             "  - {id: mfcc, plugin: timbre.mfcc, params: {coefficients: 13}, "
                                             "inputs: {mel: mel.mel}}\n");
    const auto twice = diagnostics_of(scratch / "twice.yaml");
    REQUIRE(twice.size() == 1);
    CHECK(twice[0].file == (scratch / "twice.yaml").string());
    CHECK(twice[0].position.line == 3);
    CHECK_THAT(twice[0].message, Catch::Contains("already defined at " + (scratch / "base.yaml").string() + ":4:") &&
                                     Catch::Contains("overrides"));

    test::write_text(scratch / "override.yaml", "include: base.yaml\nnodes: []\noverrides:\n"
                                                "  - {id: mfcc, plugin: timbre.mfcc, params: {coefficients: 13}, "
                                                "inputs: {mel: mel.mel}}\n");
    PipelineConfig config;
    const auto overridden = diagnostics_of(scratch / "override.yaml", &config);
    INFO(all(overridden));
    REQUIRE(overridden.empty());
    REQUIRE(config.nodes.size() == 2);
    CHECK(std::get<std::int64_t>(config.nodes[1].params.at("coefficients").value) == 13);

    test::write_text(scratch / "stray.yaml", "include: base.yaml\noverrides:\n"
                                             "  - {id: chroma, plugin: timbre.chroma, inputs: {audio: track.audio}}\n");
    const auto stray = diagnostics_of(scratch / "stray.yaml");
    REQUIRE(stray.size() == 1);
    CHECK_THAT(stray[0].message, Catch::Contains("'overrides' names node 'chroma', which no included config defines"));
}

TEST_CASE("include cycles, missing files and settings that included configs disagree on are reported", "[graph]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "a.yaml", "include: b.yaml\nnodes:\n  - {id: mel, plugin: timbre.melspec, inputs: "
                                         "{audio: track.audio}}\n");
    test::write_text(scratch / "b.yaml", "include: a.yaml\nnodes:\n  - {id: mfcc, plugin: timbre.mfcc, inputs: "
                                         "{mel: mel.mel}}\n");
    CHECK_THAT(all(diagnostics_of(scratch / "a.yaml")), Catch::Contains("include cycle"));

    test::write_text(scratch / "missing.yaml", "include: nowhere.yaml\nnodes: []\n");
    const auto missing = diagnostics_of(scratch / "missing.yaml");
    REQUIRE_FALSE(missing.empty());
    CHECK(missing[0].position.line == 1);
    CHECK_THAT(missing[0].message, Catch::Contains("cannot read the included config") && Catch::Contains("nowhere.yaml"));

    test::write_text(scratch / "slow.yaml", "sample_rate: 16000\nnodes:\n  - {id: mel, plugin: timbre.melspec, "
                                            "inputs: {audio: track.audio}}\n");
    test::write_text(scratch / "fast.yaml", "sample_rate: 44100\nnodes:\n  - {id: chroma, plugin: timbre.chroma, "
                                            "inputs: {audio: track.audio}}\n");
    test::write_text(scratch / "both.yaml", "include: [slow.yaml, fast.yaml]\nnodes: []\n");
    CHECK_THAT(all(diagnostics_of(scratch / "both.yaml")), Catch::Contains("'sample_rate' differs between"));
    test::write_text(scratch / "settled.yaml", "include: [slow.yaml, fast.yaml]\nsample_rate: 22050\nnodes: []\n");
    PipelineConfig settled;
    CHECK(diagnostics_of(scratch / "settled.yaml", &settled).empty());
    CHECK(settled.sample_rate_hz == 22050.0);
}

TEST_CASE("the similarity mix may live in its own file, whose mistakes are reported there", "[graph]") {
    test::ScratchDirectory scratch;
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n";
    test::write_text(scratch / "mix.yaml", "# fitted\ntimbre: 2\nstats: 0.5\n");
    test::write_text(scratch / "own.yaml", "similarity: mix.yaml\n" + nodes);
    PipelineConfig own;
    REQUIRE(diagnostics_of(scratch / "own.yaml", &own).empty());
    CHECK(own.similarity_weights.at("timbre").first == 2.0);
    CHECK(own.similarity_weights.at("stats").first == 0.5);
    CHECK(own.similarity_weights_file == (scratch / "mix.yaml").lexically_normal());

    test::write_text(scratch / "outer.yaml", "include: own.yaml\nnodes: []\n");
    PipelineConfig outer;
    REQUIRE(diagnostics_of(scratch / "outer.yaml", &outer).empty());
    CHECK(outer.similarity_weights.size() == 2);
    CHECK(outer.similarity_weights_file == own.similarity_weights_file);

    test::write_text(scratch / "mix.yaml", "timbre: 2\nstats: -1\n");
    const auto bad = diagnostics_of(scratch / "own.yaml");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].file == (scratch / "mix.yaml").lexically_normal().string());
    CHECK(bad[0].position.line == 2);
    CHECK(bad[0].position.column == 8);
    CHECK_THAT(bad[0].message, Catch::Contains("weight of 'stats'"));

    std::filesystem::remove(scratch / "mix.yaml");
    const auto missing = diagnostics_of(scratch / "own.yaml");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].position.line == 1);
    CHECK_THAT(missing[0].message, Catch::Contains("cannot read the similarity weights file") &&
                                       Catch::Contains("mix.yaml") && Catch::Contains("timbre train"));
}

TEST_CASE("a dataset may live in its own file: its paths resolve there and its mistakes are reported there",
          "[graph]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "configs" / "datasets");
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n";
    test::write_text(scratch / "configs" / "datasets" / "moods.yaml",
                     "csv: ../../data/moods.csv\naudio: path\nlabel: quadrant\n"
                     "label_rules:\n  - {match: '^Q1$', label: happy}\ngroup: artist\nseed: 7\n");
    test::write_text(scratch / "configs" / "trees.yaml", "dataset: datasets/moods.yaml\n" + nodes);
    PipelineConfig trees;
    REQUIRE(diagnostics_of(scratch / "configs" / "trees.yaml", &trees).empty());
    REQUIRE(trees.dataset);
    CHECK(trees.dataset->csv.lexically_normal() == (scratch / "data" / "moods.csv").lexically_normal());
    CHECK(trees.dataset->label == "quadrant");
    REQUIRE(trees.dataset->label_rules.size() == 1);
    CHECK(trees.dataset->label_rules[0].label == "happy");
    CHECK(trees.dataset->group == "artist");
    CHECK(trees.dataset->seed == 7u);
    test::write_text(scratch / "configs" / "fit.yaml",
                     "fit_similarity:\n  collections: [datasets/moods.yaml]\n" + nodes);
    PipelineConfig fit;
    REQUIRE(diagnostics_of(scratch / "configs" / "fit.yaml", &fit).empty());
    REQUIRE(fit.similarity_fit);
    REQUIRE(fit.similarity_fit->collections.size() == 1);
    CHECK(fit.similarity_fit->collections[0].label == "quadrant");
    CHECK(fit.similarity_fit->collections[0].csv.lexically_normal() == trees.dataset->csv.lexically_normal());

    test::write_text(scratch / "configs" / "datasets" / "moods.yaml", "csv: moods.csv\naudio: path\nlabel: quadrant\n"
                                                                       "seed: -3\n");
    const auto bad = diagnostics_of(scratch / "configs" / "trees.yaml");
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].file == (scratch / "configs" / "datasets" / "moods.yaml").lexically_normal().string());
    CHECK(bad[0].position.line == 4);
    CHECK(bad[0].position.column == 7);
    CHECK_THAT(bad[0].message, Catch::Contains("'dataset.seed'"));

    test::write_text(scratch / "configs" / "datasets" / "moods.yaml", "");
    const auto empty = diagnostics_of(scratch / "configs" / "trees.yaml");
    REQUIRE(empty.size() == 1);
    CHECK(empty[0].file == (scratch / "configs" / "datasets" / "moods.yaml").lexically_normal().string());
    CHECK(empty[0].position.line == 1);
    CHECK_THAT(empty[0].message, Catch::Contains("must be a mapping"));

    std::filesystem::remove(scratch / "configs" / "datasets" / "moods.yaml");
    const auto missing = diagnostics_of(scratch / "configs" / "trees.yaml");
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].file == (scratch / "configs" / "trees.yaml").string());
    CHECK(missing[0].position.line == 1);
    CHECK(missing[0].position.column == 10);
    CHECK_THAT(missing[0].message, Catch::Contains("cannot read the dataset file") && Catch::Contains("moods.yaml"));
}

TEST_CASE("a pooled dataset's source may name a dataset file, which must split as the pool splits", "[graph]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "configs" / "datasets");
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n";
    test::write_text(scratch / "configs" / "datasets" / "genres.yaml",
                     "csv: ../../data/genres.csv\naudio: path\nlabel: genres\n"
                     "label_rules:\n  - {match: 'Rap', label: hip-hop}\ngroup: artist\nseed: 7\n"
                     "terms: {use: research-only}\n");
    test::write_text(scratch / "configs" / "pool.yaml",
                     "dataset:\n  sources:\n    - {csv: other.csv, audio: path, label: genre}\n"
                     "    - datasets/genres.yaml\n  seed: 7\n  terms: {use: non-commercial}\n" +
                         nodes);
    PipelineConfig pool;
    REQUIRE(diagnostics_of(scratch / "configs" / "pool.yaml", &pool).empty());
    REQUIRE(pool.dataset);
    REQUIRE(pool.dataset->sources.size() == 2);
    const DatasetSpec& named = pool.dataset->sources[1];
    CHECK(named.csv.lexically_normal() == (scratch / "data" / "genres.csv").lexically_normal());
    CHECK(named.label == "genres");
    REQUIRE(named.label_rules.size() == 1);
    CHECK(named.label_rules[0].label == "hip-hop");
    CHECK(named.group == "artist");
    CHECK_FALSE(named.terms);
    REQUIRE(pool.dataset->terms);
    CHECK(pool.dataset->terms->use == DataUse::non_commercial);

    test::write_text(scratch / "configs" / "pool.yaml",
                     "dataset:\n  sources:\n    - {csv: other.csv, audio: path, label: genre}\n"
                     "    - datasets/genres.yaml\n" +
                         nodes);
    const auto unlike = diagnostics_of(scratch / "configs" / "pool.yaml");
    REQUIRE(unlike.size() == 1);
    CHECK(unlike[0].file == (scratch / "configs" / "pool.yaml").string());
    CHECK(unlike[0].position.line == 4);
    CHECK(unlike[0].position.column == 7);
    CHECK_THAT(unlike[0].message, Catch::Contains("datasets/genres.yaml splits with seed 7") &&
                                      Catch::Contains("the pooled dataset with seed 42"));

    test::write_text(scratch / "configs" / "datasets" / "genres.yaml",
                     "sources: [{csv: a.csv, audio: path, label: x}, {csv: b.csv, audio: path, label: x}]\n");
    const auto pooled_twice = diagnostics_of(scratch / "configs" / "pool.yaml");
    REQUIRE(pooled_twice.size() == 1);
    CHECK(pooled_twice[0].position.line == 4);
    CHECK_THAT(pooled_twice[0].message, Catch::Contains("pools sources or makes mixtures itself"));

    test::write_text(scratch / "configs" / "datasets" / "genres.yaml", "csv: genres.csv\naudio: path\nlabel: [x]\n");
    const auto bad = diagnostics_of(scratch / "configs" / "pool.yaml");
    REQUIRE_FALSE(bad.empty());
    CHECK(bad[0].file == (scratch / "configs" / "datasets" / "genres.yaml").lexically_normal().string());
    CHECK(bad[0].position.line == 3);
}
