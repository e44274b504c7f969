// SPDX-License-Identifier: GPL-3.0-or-later
// Every kind of config error is reported with the file, line and column of the offending
// YAML, and all errors of a config are reported together, before any audio is touched.
#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "support/builtin_registry.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

std::vector<Diagnostic> problems(const std::string& yaml) {
    std::vector<Diagnostic> diagnostics;
    const PipelineConfig config = parse_pipeline(yaml, "pipe.yaml", diagnostics);
    const auto checks = check_pipeline(config, test::builtin_registry());
    diagnostics.insert(diagnostics.end(), checks.begin(), checks.end());
    return diagnostics;
}

// The single diagnostic of `yaml`, which must be at line:column and contain `text`.
void expect_one(const std::string& yaml, int line, int column, const std::string& text) {
    const auto diagnostics = problems(yaml);
    INFO(yaml);
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].file == "pipe.yaml");
    CHECK(diagnostics[0].position.line == line);
    CHECK(diagnostics[0].position.column == column);
    CHECK_THAT(diagnostics[0].message, Catch::Contains(text));
}

const std::string kValid = R"(sample_rate: 22050
nodes:
  - id: mel
    plugin: timbre.melspec
    params: {bands: 40}
    inputs: {audio: track.audio}
  - id: mfcc
    plugin: timbre.mfcc
    inputs: {mel: mel.mel}
  - id: stats
    plugin: timbre.summary
    inputs: {frames: mfcc.mfcc}
)";

}  // namespace

TEST_CASE("a valid pipeline builds a graph in dependency order with defaults filled in", "[graph]") {
    REQUIRE(problems(kValid).empty());
    std::vector<Diagnostic> none;
    const Graph graph = build_graph(parse_pipeline(kValid, "pipe.yaml", none), test::builtin_registry());
    REQUIRE(graph.nodes().size() == 3);
    CHECK(graph.nodes()[0].id == "mel");
    CHECK(graph.nodes()[0].params.integer("bands") == 40);
    CHECK(graph.nodes()[0].params.integer("frame_size") == 2048);
    REQUIRE(graph.stored_outputs().size() == 1);
    CHECK(graph.stored_outputs()[0].key() == "stats.stats");
    CHECK(graph.sample_rate_hz() == 22050.0);
}

TEST_CASE("the pipeline fingerprint changes with a parameter and not with formatting", "[graph]") {
    std::vector<Diagnostic> none;
    const auto fingerprint = [&](const std::string& yaml) {
        return build_graph(parse_pipeline(yaml, "pipe.yaml", none), test::builtin_registry()).fingerprint();
    };
    std::string reformatted = kValid;
    reformatted.insert(0, "# a comment\n");
    std::string changed = kValid;
    changed.replace(changed.find("bands: 40"), 9, "bands: 41");
    CHECK(fingerprint(kValid) == fingerprint(reformatted));
    CHECK(fingerprint(kValid) != fingerprint(changed));
}

TEST_CASE("invalid YAML is reported at the parser's position", "[graph]") {
    expect_one("nodes:\n  - id: a\n    plugin: [unclosed\n", 4, 1, "invalid YAML");
}

TEST_CASE("an unknown plugin is reported at its name, with a suggestion", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspc\n    inputs: {audio: track.audio}\n", 3, 13,
               "unknown plugin 'timbre.melspc' (did you mean 'timbre.melspec'?)");
}

TEST_CASE("an unknown parameter is reported at its value, with the known ones", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspec\n    params: {band: 40}\n    inputs: {audio: track.audio}\n",
               4, 14, "unknown parameter 'band' for node 'm' (timbre.melspec) (did you mean 'bands'?)");
}

TEST_CASE("an out-of-range parameter is reported with its range", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspec\n    params:\n      bands: 9000\n"
               "    inputs: {audio: track.audio}\n",
               5, 14, "parameter 'bands' of node 'm' (timbre.melspec) must be in [1, 512], got 9000");
}

TEST_CASE("a parameter of the wrong type is reported", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspec\n    params: {bands: \"forty\"}\n"
               "    inputs: {audio: track.audio}\n",
               4, 21, "expects an integer");
}

TEST_CASE("a missing input is reported at the node", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspec\n", 2, 5, "is missing input 'audio' (audio)");
}

TEST_CASE("a node whose inputs are all optional but none is wired is reported before any track", "[graph]") {
    expect_one("nodes:\n  - id: all\n    plugin: timbre.join\n", 2, 5, "has no input wired: it would fail on every track");
    CHECK(problems("nodes:\n  - {id: m, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                   "  - {id: s, plugin: timbre.summary, inputs: {frames: m.mel}}\n"
                   "  - {id: all, plugin: timbre.join, inputs: {v1: s.stats}}\n")
              .empty());
}

TEST_CASE("an input wired to an unknown node is reported at the reference", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.mfcc\n    inputs: {mel: mell.mel}\n", 4, 19,
               "refers to unknown node 'mell'");
}

TEST_CASE("an input wired to an output the node lacks is reported with its outputs", "[graph]") {
    expect_one("nodes:\n  - id: a\n    plugin: timbre.melspec\n    inputs: {audio: track.audio}\n"
               "  - id: b\n    plugin: timbre.mfcc\n    inputs: {mel: a.spectrum}\n",
               7, 19, "has no output 'spectrum'; outputs: mel");
}

TEST_CASE("a type mismatch between ports is reported at the reference", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.mfcc\n    inputs:\n      mel: track.audio\n", 5, 12,
               "type mismatch: input 'mel' of node 'm' (timbre.mfcc) takes frames but 'track.audio' is audio");
}

TEST_CASE("a cycle is reported with its path", "[graph]") {
    expect_one("nodes:\n  - id: a\n    plugin: timbre.summary\n    inputs: {frames: b.mfcc}\n"
               "  - id: b\n    plugin: timbre.mfcc\n    inputs: {mel: c.mfcc}\n"
               "  - id: c\n    plugin: timbre.mfcc\n    inputs: {mel: b.mfcc}\n",
               10, 19, "cycle: b -> c -> b");
}

TEST_CASE("a duplicate node id is reported at the second one, naming the first", "[graph]") {
    expect_one("nodes:\n  - id: m\n    plugin: timbre.melspec\n    inputs: {audio: track.audio}\n"
               "  - id: m\n    plugin: timbre.melspec\n    inputs: {audio: track.audio}\n",
               5, 9, "duplicate node id 'm' (first defined at line 2)");
}

TEST_CASE("an unknown top-level key and a bad sample rate are both reported", "[graph]") {
    const auto diagnostics = problems("sample_rat: 22050\nsample_rate: -5\nnodes:\n  - id: m\n"
                                      "    plugin: timbre.melspec\n    inputs: {audio: track.audio}\n");
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].position.line == 1);
    CHECK_THAT(diagnostics[0].message, Catch::Contains("unknown key 'sample_rat'"));
    CHECK(diagnostics[1].position.line == 2);
    CHECK_THAT(diagnostics[1].message, Catch::Contains("'sample_rate' (Hz) must be a positive number"));
}

TEST_CASE("every problem of a config is reported at once, each at its own place", "[graph]") {
    const auto diagnostics = problems("nodes:\n  - id: a\n    plugin: nope.nothing\n"
                                      "  - id: b\n    plugin: timbre.mfcc\n    params: {coefficients: 0}\n"
                                      "    inputs: {mel: track.lyrics}\n");
    REQUIRE(diagnostics.size() == 3);
    std::vector<std::pair<int, std::string>> found;
    for (const auto& diagnostic : diagnostics) {
        found.emplace_back(diagnostic.position.line, diagnostic.message);
    }
    std::sort(found.begin(), found.end());
    CHECK(found[0].first == 3);
    CHECK_THAT(found[0].second, Catch::Contains("unknown plugin 'nope.nothing'"));
    CHECK(found[1].first == 6);
    CHECK_THAT(found[1].second, Catch::Contains("coefficients"));
    CHECK(found[2].first == 7);
    CHECK_THAT(found[2].second, Catch::Contains("track.lyrics"));
}

TEST_CASE("build_graph throws ConfigError whose text has file:line:column", "[graph]") {
    std::vector<Diagnostic> none;
    const auto config = parse_pipeline("nodes:\n  - id: m\n    plugin: timbre.nope\n", "pipe.yaml", none);
    CHECK_THROWS_WITH(build_graph(config, test::builtin_registry()), Catch::StartsWith("pipe.yaml:3:13: error: unknown plugin"));
}

TEST_CASE("every shipped config is valid", "[graph][shipped]") {
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir / "configs")) {
        if (entry.path().extension() != ".yaml") {
            continue;
        }
        std::vector<Diagnostic> diagnostics;
        const auto config = read_pipeline(entry.path(), diagnostics);
        const auto checks = check_pipeline(config, test::builtin_registry());
        std::string reported;
        for (const auto& problem : diagnostics) {
            reported += problem.message + "\n";
        }
        INFO(entry.path().filename().string() << ": " << reported);
        CHECK(diagnostics.empty());
        CHECK(checks.empty());
        ++checked;
    }
    CHECK(checked >= 19);
}

TEST_CASE("a dataset section's mistakes are reported at the offending value", "[graph][ml]") {
    expect_one(kValid + "dataset: {folder: music, label: genre}\n", 13, 33,
               "'dataset.label' does not apply to a 'folder' dataset");
    expect_one(kValid + "dataset: {folder: music, group: genre}\n", 13, 33,
               "a 'folder' dataset groups by a tag: 'artist' or 'album'");
    expect_one(kValid + "dataset: {csv: d.csv, features: [x]}\n", 13, 10, "'dataset' has no 'label' column");
    expect_one(kValid + "dataset: {csv: d.csv, label: y, features: [x], test_fraction: 0.7}\n", 13, 63,
               "'dataset.test_fraction' must be below 0.5");
    expect_one(kValid + "dataset: {csv: d.csv, label: y, features: [x, {month: date}]}\n", 13, 47,
               "a feature is a column name or {year: COLUMN}");
}

TEST_CASE("pooled dataset sources are reported at the offending value", "[graph][ml]") {
    expect_one(kValid + "dataset: {sources: [{csv: a.csv, label: y, audio: p}]}\n", 13, 20,
               "'dataset.sources' must list two or more datasets");
    expect_one(kValid + "dataset: {label: y, sources: [{csv: a.csv, label: y, audio: p}, {folder: f}]}\n", 13, 18,
               "'dataset.label' beside 'sources': give it in each source");
    expect_one(kValid + "dataset: {sources: [{csv: a.csv, label: y, audio: p}, {folder: f, group: genre}]}\n", 13, 74,
               "a 'folder' dataset groups by a tag");
    expect_one(kValid + "dataset: {sources: [{csv: a.csv, label: y, audio: p}, {folder: f, seed: 1}]}\n", 13, 67,
               "unknown key 'seed' in a dataset source");
}

TEST_CASE("a training-only source is flagged true or false, and some source must be scored", "[graph][ml]") {
    CHECK(problems(kValid + "dataset: {sources: [{csv: a.csv, label: y, audio: p}, {csv: b.csv, label: y, audio: p, "
                            "training_only: true, made_by: render.sh}]}\n")
              .empty());
    expect_one(kValid +
                   "dataset: {sources: [{csv: a.csv, label: y, audio: p}, {csv: b.csv, label: y, audio: p, "
                   "training_only: yes please}]}\n",
               13, 103, "'training_only' of a dataset source must be true or false");
    expect_one(kValid +
                   "dataset: {sources: [{csv: a.csv, label: y, audio: p, training_only: true}, {csv: b.csv, "
                   "label: y, audio: p, training_only: true}]}\n",
               13, 20, "every one of 'dataset.sources' is training_only");
}

TEST_CASE("a label rule with a broken pattern is reported at the pattern", "[graph][ml]") {
    expect_one(kValid + "dataset: {csv: d.csv, label: y, features: [x], label_rules: [{match: 'rock(', label: rock}]}\n",
               13, 70, "is not a valid regular expression");
}

TEST_CASE("the similarity mix names similarity nodes only, each with a positive weight", "[graph]") {
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                              "  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}\n"
                              "  - {id: timbre, plugin: timbre.gaussian_similarity, inputs: {mfcc: mfcc.mfcc}}\n";
    CHECK(problems(nodes + "similarity: {timbre: 2}\n").empty());
    expect_one(nodes + "similarity: {timbre: 2, tembre: 1}\n", 5, 25, "weighs node 'tembre', which the pipeline does not have");
    expect_one(nodes + "similarity: {mfcc: 1}\n", 5, 14, "weighs node 'mfcc', which is not a similarity metric (kind: extractor)");
    expect_one(nodes + "similarity: {timbre: -1}\n", 5, 22, "weight of 'timbre'");
}

TEST_CASE("a similarity fit weighs similarity nodes, on collections with a label, over a grid of weights >= 0",
          "[graph]") {
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                              "  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}\n"
                              "  - {id: timbre, plugin: timbre.gaussian_similarity, inputs: {mfcc: mfcc.mfcc}}\n"
                              "  - {id: mfcc_stats, plugin: timbre.summary, inputs: {frames: mfcc.mfcc}}\n"
                              "  - {id: stats, plugin: timbre.vector_similarity, inputs: {features: mfcc_stats.stats}}\n";
    const std::string collection = "  collections: [{csv: a.csv, audio: path, label: genre}]\n";
    CHECK(problems(nodes + "fit_similarity:\n" + collection + "  metrics: [timbre, stats]\n  grid: [0, 1, 2]\n").empty());
    expect_one(nodes + "fit_similarity:\n" + collection + "  metrics: [timbre, stat]\n", 9, 21,
               "'fit_similarity' weighs node 'stat', which the pipeline does not have");
    expect_one(nodes + "fit_similarity:\n  collections: [{csv: a.csv, audio: path, target: valence}]\n", 8, 17,
               "needs a 'label' whose agreement the fit maximises");
    expect_one(nodes + "fit_similarity:\n" + collection + "  grid: [0, -1]\n", 9, 13, "must be a number >= 0");
    expect_one(nodes + "fit_similarity:\n" + collection + "  k: 0\n", 9, 6, "'fit_similarity.k' must be an integer");
    expect_one(nodes + "fit_similarity: {metrics: [timbre, stats]}\n", 7, 17, "'fit_similarity.collections' must be");
}

TEST_CASE("a list or mapping written where a key name belongs is reported at it, not thrown", "[graph]") {
    // Found by the config fuzzer: yaml-cpp threw "bad conversion" out of the parser.
    expect_one("nodes:\n  - id: mel\n    plugin: timbre.melspec\n    params: {[bands]: 64}\n"
               "    inputs: {audio: track.audio}\n",
               4, 14, "a key must be a name, not a list or mapping");
    expect_one("nodes:\n  - id: mel\n    plugin: timbre.melspec\n    inputs: {audio: track.audio, {x: 1}: track.audio}\n",
               4, 34, "a key must be a name");
    expect_one("nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n? [a, b]\n: 1\n", 3, 3,
               "a key must be a name");
}
