// SPDX-License-Identifier: GPL-3.0-or-later
// `--set NODE.PARAM=VALUE` reaches the node's parameter with the type the YAML would give,
// goes through the same checks as the file, and its mistakes name the option, not a line.
#include <catch2/catch.hpp>

#include "graph/graph.hpp"
#include "graph/param_override.hpp"
#include "support/builtin_registry.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

const std::string kPipeline = R"(nodes:
  - {id: mel, plugin: timbre.melspec, params: {bands: 40}, inputs: {audio: track.audio}}
  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}
)";

std::vector<Diagnostic> problems_with(const std::vector<std::string>& settings, PipelineConfig& config) {
    std::vector<Diagnostic> diagnostics;
    config = parse_pipeline(kPipeline, "pipe.yaml", diagnostics);
    std::vector<ParamOverride> overrides;
    for (const auto& text : settings) {
        overrides.push_back(parse_param_override(text));
    }
    apply_param_overrides(config, overrides, diagnostics);
    const auto checks = check_pipeline(config, test::builtin_registry());
    diagnostics.insert(diagnostics.end(), checks.begin(), checks.end());
    return diagnostics;
}

}  // namespace

TEST_CASE("a command-line --set replaces a node's parameter with the value typed as YAML types it", "[graph]") {
    PipelineConfig config;
    REQUIRE(problems_with({"mel.bands=64", "mfcc.coefficients=20"}, config).empty());
    CHECK(std::get<std::int64_t>(config.nodes[0].params.at("bands").value) == 64);
    CHECK(std::get<std::int64_t>(config.nodes[1].params.at("coefficients").value) == 20);
    CHECK(plain_scalar_value("0.5") == ParamValue{0.5});
    CHECK(plain_scalar_value("true") == ParamValue{true});
    CHECK(plain_scalar_value("hann") == ParamValue{std::string("hann")});
}

// Tagged [ml], not [graph]: the sanitizer tree, which runs [graph], builds no XGBoost plugin.
TEST_CASE("a path given with --set is relative to the working directory, one in the file to the file", "[ml]") {
    const std::string yaml = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                             "  - {id: stats, plugin: timbre.summary, inputs: {frames: mel.mel}}\n"
                             "  - {id: trees, plugin: timbre.gbt_classifier, params: {model: m.ubj}, "
                             "inputs: {features: stats.stats}}\n";
    for (const auto& [settings, expected] : std::vector<std::pair<std::vector<ParamOverride>, std::string>>{
             {{}, "configs/m.ubj"}, {{parse_param_override("trees.model=trial/m.ubj")}, "trial/m.ubj"}}) {
        std::vector<Diagnostic> diagnostics;
        PipelineConfig config = parse_pipeline(yaml, "configs/pipe.yaml", diagnostics);
        apply_param_overrides(config, settings, diagnostics);
        const Graph graph = build_graph(config, test::builtin_registry(), diagnostics);
        CHECK(graph.nodes().back().params.string("model") == expected);
    }
}

TEST_CASE("a wrong --set is reported by the option it came from, after the same checks as the file", "[graph]") {
    PipelineConfig config;
    const auto diagnostics = problems_with({"mel.bands=0", "mel.band=64", "mfc.coefficients=20"}, config);
    REQUIRE(diagnostics.size() == 3);
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        CHECK(diagnostic.position.line == 0);
        text += diagnostic.text() + "\n";
    }
    CHECK_THAT(text, Catch::Contains("--set mfc.coefficients=20: error: the pipeline has no node 'mfc' (did you mean 'mfcc'?)"));
    CHECK_THAT(text, Catch::Contains("--set mel.band=64: error: unknown parameter 'band'"));
    CHECK_THAT(text, Catch::Contains("(did you mean 'bands'?)"));
    CHECK_THAT(text, Catch::Contains("--set mel.bands=0: error: parameter 'bands' of node 'mel'"));
    CHECK_THAT(text, !Catch::Contains(":0:0"));
}

TEST_CASE("a command-line --set needs NODE.PARAM=VALUE, and the value may hold '=' and '.'", "[graph]") {
    CHECK_THROWS_WITH(parse_param_override("genre.epochs"), Catch::Contains("expected NODE.PARAM=VALUE"));
    CHECK_THROWS_WITH(parse_param_override("epochs=10"), Catch::Contains("expected NODE.PARAM=VALUE"));
    CHECK_THROWS_WITH(parse_param_override("genre.epochs="), Catch::Contains("expected NODE.PARAM=VALUE"));
    const ParamOverride parsed = parse_param_override("net.model=a=b.pt");
    CHECK(parsed.node == "net");
    CHECK(parsed.param == "model");
    CHECK(parsed.value == "a=b.pt");
    CHECK(parsed.text() == "--set net.model=a=b.pt");
}

TEST_CASE("timbre train refuses a malformed --set before any work, naming it", "[cli]") {
    const auto run = test::run_timbre(
        {"train", (test::source_dir / "configs" / "genre-cnn.yaml").string(), "--set", "genre.epochs"});
    CHECK(run.exit_code != 0);
    CHECK_THAT(run.output, Catch::Contains("--set genre.epochs: expected NODE.PARAM=VALUE"));
    CHECK_THAT(run.output, !Catch::Contains("dataset"));
}
