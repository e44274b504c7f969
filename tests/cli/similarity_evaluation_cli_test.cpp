// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre evaluate-similarity` end to end on click tracks whose tempo tells their label: a
// metric on the tempo vector must find mostly neighbours of the same pace (some fast clicks
// are heard at half tempo, so not all), a hybrid is scored beside the metrics, and a
// pipeline without a similarity node is refused saying what one is; a learned metric (a
// trained network's embedding) is scored only on examples its network never trained on, also
// one trained holding out another part and given by --set; and
// `train` on a config with `fit_similarity:` fits the mix, weighing the tempo metric that
// tells the clicks apart above one that cannot. compare-models pairs two metrics' votes
// from the report.
#include <catch2/catch.hpp>

#include <sstream>

#include "graph/pipeline_config.hpp"
#include "support/click_library.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;
using timbre::host::Diagnostic;

namespace {
double figure(const std::string& output, const std::string& prefix) {
    const auto at = output.find(prefix);
    REQUIRE(at != std::string::npos);
    return std::stod(output.substr(at + prefix.size()));
}
// Two metrics of the clicks: their tempo (which tells the labels) and their MFCC Gaussian.
const char* kPaceAndTimbre = R"(sample_rate: 22050
nodes:
  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}
  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}
  - {id: rhythm, plugin: timbre.rhythm, inputs: {mel: mel.mel}}
  - {id: pace, plugin: timbre.vector_similarity, inputs: {features: rhythm.tempo}}
  - {id: timbre, plugin: timbre.gaussian_similarity, inputs: {mfcc: mfcc.mfcc}}
)";
}  // namespace

TEST_CASE("evaluate-similarity scores each metric's neighbours, raw and with mutual proximity, and a hybrid",
          "[cli][similarity]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "pace.yaml", kPaceAndTimbre);
    const auto run = test::run_timbre({"evaluate-similarity", (scratch / "pace.yaml").string(), "--dataset",
                                       (scratch / "music").string(), "--k", "3", "--hybrid", "pace:2,timbre:1",
                                       "--report", (scratch / "sim").string()});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("pace (timbre.vector_similarity): 12 tracks, 0 failed"));
    CHECK(figure(run.output, "pace none: accuracy ") >= 0.7);  // a metric that knew nothing: 0.5
    CHECK_THAT(run.output, Catch::Contains("pace mutual proximity: accuracy "));
    CHECK_THAT(run.output, Catch::Contains("hybrid pace:2,timbre:1 none: accuracy "));
    CHECK_THAT(test::read_text(scratch / "sim.md"), Catch::Contains("| mutual proximity |"));
    CHECK(std::filesystem::exists(scratch / "sim.json"));

    // The report keeps each track's vote: two metrics compared track by track.
    const std::string report = (scratch / "sim.json").string();
    const auto paired = test::run_timbre(
        {"compare-models", report, report, "--first-metric", "pace", "--second-metric", "hybrid"});
    INFO(paired.output);
    REQUIRE(paired.exit_code == 0);
    CHECK(test::printed_number(paired.output, "shared held-out examples") == 12.0);
    CHECK(test::printed_number(paired.output, "first accuracy") == figure(run.output, "pace mutual proximity: accuracy "));
    CHECK(test::printed_number(paired.output, "second accuracy") ==
          figure(run.output, "hybrid pace:2,timbre:1 mutual proximity: accuracy "));
    const auto unnamed = test::run_timbre({"compare-models", report, report, "--second-metric", "timbre"});
    CHECK(unnamed.exit_code == 1);
    CHECK_THAT(unnamed.output, Catch::Contains("name exactly one of its metrics") &&
                                   Catch::Contains("pace, timbre, hybrid pace:2,timbre:1"));

    test::write_text(scratch / "none.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n");
    const auto none = test::run_timbre(
        {"evaluate-similarity", (scratch / "none.yaml").string(), "--dataset", (scratch / "music").string()});
    CHECK(none.exit_code == 1);
    CHECK_THAT(none.output, Catch::Contains("has no similarity node"));
}

TEST_CASE("a metric on a trained network's embedding is scored only on examples the network never saw",
          "[cli][similarity]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "learned.yaml", R"(sample_rate: 22050
nodes:
  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}
  - {id: rhythm, plugin: timbre.rhythm, inputs: {mel: mel.mel}}
  - id: pace_cnn
    plugin: timbre.cnn_classifier
    params: {model: pace.pt, width: 2, epochs: 2, patch_frames: 64, patches_per_track: 2}
    inputs: {mel: mel.mel}
  - {id: learned, plugin: timbre.vector_similarity, params: {distance: cosine}, inputs: {features: pace_cnn.embedding}}
  - {id: pace, plugin: timbre.vector_similarity, inputs: {features: rhythm.tempo}}
)");
    const auto trained =
        test::run_timbre({"train", (scratch / "learned.yaml").string(), "--dataset", (scratch / "music").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    const auto learned =
        test::run_timbre({"evaluate-similarity", (scratch / "learned.yaml").string(), "--dataset",
                          (scratch / "music").string(), "--k", "1", "--report", (scratch / "l").string()});
    INFO(learned.output);
    REQUIRE(learned.exit_code == 0);
    // 9 of the 12 clicks trained the network (a quarter of each label held out): the
    // metrics are scored on the other 3.
    CHECK_THAT(learned.output, Catch::Contains("9 of 12 examples left out: the models they pass through (pace.pt) were trained on them"));
    CHECK_THAT(learned.output, Catch::Contains("learned (timbre.vector_similarity): 3 tracks, 0 failed"));
    // A metric that reads no trained model keeps every example.
    const auto untrained = test::run_timbre({"evaluate-similarity", (scratch / "learned.yaml").string(), "--dataset",
                                             (scratch / "music").string(), "--metric", "pace", "--k", "1", "--report",
                                             (scratch / "p").string()});
    INFO(untrained.output);
    REQUIRE(untrained.exit_code == 0);
    CHECK_THAT(untrained.output, Catch::Contains("pace (timbre.vector_similarity): 12 tracks, 0 failed"));

    // A network trained holding out another part is scored, through --set, on that part only
    // (the first network is gone, so only the one --set names can answer).
    std::filesystem::remove(scratch / "pace.pt");
    const auto other_part = (scratch / "part1").string();
    const auto retrained = test::run_timbre({"train", (scratch / "learned.yaml").string(), "--dataset",
                                             (scratch / "music").string(), "--held-out-part", "1", "--model-dir",
                                             other_part});
    INFO(retrained.output);
    REQUIRE(retrained.exit_code == 0);
    const auto other = test::run_timbre({"evaluate-similarity", (scratch / "learned.yaml").string(), "--dataset",
                                         (scratch / "music").string(), "--metric", "learned", "--k", "1", "--set",
                                         "pace_cnn.model=" + other_part + "/pace.pt", "--report",
                                         (scratch / "o").string()});
    INFO(other.output);
    REQUIRE(other.exit_code == 0);
    CHECK_THAT(other.output, Catch::Contains("9 of 12 examples left out"));
    CHECK_THAT(other.output, Catch::Contains("learned (timbre.vector_similarity): 3 tracks, 0 failed"));
    const auto misspelt = test::run_timbre({"evaluate-similarity", (scratch / "learned.yaml").string(), "--dataset",
                                            (scratch / "music").string(), "--set", "pace_cnn.modle=x.pt"});
    CHECK(misspelt.exit_code == 1);
    CHECK_THAT(misspelt.output, Catch::Contains("--set pace_cnn.modle=x.pt") && Catch::Contains("unknown parameter 'modle'"));
}

TEST_CASE("train on a config with fit_similarity fits the mix's weights and writes them where the config reads them",
          "[cli][similarity]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "mix.yaml", "pace: 1\ntimbre: 1\n");
    test::write_text(scratch / "fit.yaml", std::string(kPaceAndTimbre) + R"(similarity: mix.yaml
fit_similarity:
  k: 3
  grid: [0, 1, 4]
  collections:
    - {csv: list.csv, audio: path, label: label}
    - {folder: music}
)");
    const auto fitted = test::run_timbre({"train", (scratch / "fit.yaml").string()});
    INFO(fitted.output);
    REQUIRE(fitted.exit_code == 0);
    CHECK_THAT(fitted.output, Catch::Contains("fitting the weights of 2 metrics on 2 collection(s), k = 3"));
    CHECK_THAT(fitted.output, Catch::Contains("each collection scored with weights fitted on the others:"));
    CHECK_THAT(fitted.output, Catch::Contains("equal weights: accuracy "));
    CHECK_THAT(fitted.output, Catch::Contains("weights written to"));
    // The clicks differ in pace, not in sound: the fit weighs the tempo metric above the
    // Gaussian of their MFCCs.
    const std::string mix = test::read_text(scratch / "mix.yaml");
    INFO(mix);
    CHECK_THAT(mix, Catch::StartsWith("# The default similarity mix of"));
    std::vector<Diagnostic> diagnostics;
    const host::PipelineConfig reread = host::read_pipeline(scratch / "fit.yaml", diagnostics);
    REQUIRE(diagnostics.empty());
    REQUIRE(reread.similarity_weights.contains("pace"));
    const double timbre = reread.similarity_weights.contains("timbre") ? reread.similarity_weights.at("timbre").first : 0.0;
    CHECK(reread.similarity_weights.at("pace").first > timbre);

    test::write_text(scratch / "no-file.yaml", R"(nodes:
  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}
  - {id: rhythm, plugin: timbre.rhythm, inputs: {mel: mel.mel}}
  - {id: pace, plugin: timbre.vector_similarity, inputs: {features: rhythm.tempo}}
fit_similarity: {collections: [{folder: music}]}
)");
    const auto nowhere = test::run_timbre({"train", (scratch / "no-file.yaml").string()});
    CHECK(nowhere.exit_code == 1);
    CHECK_THAT(nowhere.output, Catch::Contains("needs 'similarity: FILE'"));
}
