// SPDX-License-Identifier: GPL-3.0-or-later
// A held-out figure that cannot flatter: an example whose input fails is scored (a miss) and
// counted, never dropped; a model is refused its own training examples; a dataset's own
// split gets a second, group-disjoint figure; a user's CSV is scored without the config's
// group column or its name for the audio column; a training-only source trains and is never scored;
// a model trained holding out another part of the split is held to that part.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/click_library.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// The click library, plus broken.wav (not audio) listed in with-broken.csv.
void write_clicks(const test::ScratchDirectory& scratch) {
    test::write_click_library(scratch);
    test::write_text(scratch / "broken.wav", "RIFF....WAVEfmt this is not audio");
    test::write_text(scratch / "with-broken.csv", test::read_text(scratch / "list.csv") + "broken.wav,fast,170,band 9\n");
}

std::string line_value(const std::string& output, const std::string& label) {
    const auto at = output.find("\n" + label + ": ");
    return at == std::string::npos ? "" : output.substr(at + label.size() + 3, output.find('\n', at + 1) - at - label.size() - 3);
}
// The click library's list cut in two CSVs of the same columns: every third click (4 of 12)
// in `third`, the others in `rest`.
void write_click_thirds(const test::ScratchDirectory& scratch, const std::string& rest, const std::string& third) {
    test::write_click_library(scratch);
    std::istringstream rows(test::read_text(scratch / "list.csv"));
    std::string header, row, others, thirds;
    std::getline(rows, header);
    for (int i = 0; std::getline(rows, row); ++i) {
        (i % 3 == 2 ? thirds : others) += row + "\n";
    }
    test::write_text(scratch / rest, header + "\n" + others);
    test::write_text(scratch / third, header + "\n" + thirds);
}

}  // namespace

TEST_CASE("a held-out example whose audio cannot be decoded is scored as a miss and counted, not dropped",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_clicks(scratch);
    test::write_text(scratch / "pace.yaml", std::string(test::kTempoNodes) +
                                                "  - {id: pace, plugin: timbre.gbt_classifier, params: {rounds: 20, "
                                                "max_depth: 2}, inputs: {features: tempo.vector}}\n");
    const auto model = (scratch / "pace.ubj").string();
    const auto trained = test::run_timbre({"train", (scratch / "pace.yaml").string(), "--dataset",
                                           (scratch / "music").string(), "--out", model});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);

    const auto clean = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--dataset",
                                         (scratch / "list.csv").string(), "--out", model, "--all-examples"});
    INFO(clean.output);
    REQUIRE(clean.exit_code == 0);
    CHECK(line_value(clean.output, "held-out examples") == "12");
    CHECK(line_value(clean.output, "failed examples") == "0 (scored as misses)");

    const auto broken = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--dataset",
                                          (scratch / "with-broken.csv").string(), "--out", model, "--all-examples"});
    INFO(broken.output);
    REQUIRE(broken.exit_code == 0);
    CHECK(line_value(broken.output, "held-out examples") == "13");
    CHECK(line_value(broken.output, "failed examples") == "1 (scored as misses)");
    CHECK_THAT(broken.output, Catch::Contains("broken.wav failed"));
    CHECK(std::stod(line_value(broken.output, "accuracy")) <= 12.0 / 13.0 + 1e-9);
}

TEST_CASE("a regressor's held-out example without a prediction is counted as failed", "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_clicks(scratch);
    test::write_text(scratch / "bpm.yaml", std::string("dataset: {csv: list.csv, audio: path, target: bpm}\n") +
                                               test::kTempoNodes +
                                               "  - {id: bpm, plugin: timbre.gbt_regressor, params: {model: bpm.ubj, "
                                               "rounds: 20, max_depth: 2}, inputs: {features: tempo.vector}}\n");
    const auto trained = test::run_timbre({"train", (scratch / "bpm.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    const auto broken = test::run_timbre({"evaluate", (scratch / "bpm.yaml").string(), "--dataset",
                                          (scratch / "with-broken.csv").string(), "--all-examples"});
    INFO(broken.output);
    REQUIRE(broken.exit_code == 0);
    CHECK(line_value(broken.output, "held-out examples") == "13");
    CHECK(line_value(broken.output, "failed examples") == "1 (not scored)");
    CHECK(line_value(broken.output, "training examples among them") == "9");
}

TEST_CASE("evaluate refuses to score examples the model was trained on, naming them, and --all-examples counts them",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_clicks(scratch);
    const std::string nodes = std::string(test::kTempoNodes) +
                              "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, rounds: 20, "
                              "max_depth: 2}, inputs: {features: tempo.vector}}\n";
    test::write_text(scratch / "pace.yaml", "dataset: {folder: music, test_fraction: 0.25, seed: 1}\n" + nodes);
    const auto trained = test::run_timbre({"train", (scratch / "pace.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK(line_value(trained.output, "training examples among them") == "0");
    CHECK(std::filesystem::exists(scratch / "pace.ubj.trained-on"));

    const auto same_split = test::run_timbre({"evaluate", (scratch / "pace.yaml").string()});
    INFO(same_split.output);
    CHECK(same_split.exit_code == 0);
    CHECK(line_value(same_split.output, "training examples among them") == "0");

    // Another seed deals other examples into the held-out part: some were trained on.
    test::write_text(scratch / "pace.yaml", "dataset: {folder: music, test_fraction: 0.25, seed: 7}\n" + nodes);
    const auto leaking = test::run_timbre({"evaluate", (scratch / "pace.yaml").string()});
    INFO(leaking.output);
    CHECK(leaking.exit_code == 1);
    CHECK_THAT(leaking.output, Catch::Contains("held-out examples are examples") &&
                                   Catch::Contains("pace.ubj was trained on") && Catch::Contains(".wav"));
    CHECK_THAT(leaking.output, !Catch::Contains("accuracy:"));

    const auto everything = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--all-examples"});
    INFO(everything.output);
    REQUIRE(everything.exit_code == 0);
    CHECK(line_value(everything.output, "held-out examples") == "12");
    CHECK(line_value(everything.output, "training examples among them") == "9");
}

TEST_CASE("a model trained holding out another part of the split is evaluated on that part only", "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_clicks(scratch);
    test::write_text(scratch / "pace.yaml",
                     "dataset: {folder: music, test_fraction: 0.25, seed: 1}\n" + std::string(test::kTempoNodes) +
                         "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, "
                         "rounds: 20, max_depth: 2}, inputs: {features: tempo.vector}}\n");
    const auto config = (scratch / "pace.yaml").string();
    const auto trained = test::run_timbre({"train", config, "--held-out-part", "2"});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("part 2 of 4 held out: 9 train, 3 held out"));

    const auto same_part = test::run_timbre({"evaluate", config, "--held-out-part", "2"});
    INFO(same_part.output);
    CHECK(same_part.exit_code == 0);
    CHECK(line_value(same_part.output, "training examples among them") == "0");

    // Part 0, the default, was trained on.
    const auto default_part = test::run_timbre({"evaluate", config});
    INFO(default_part.output);
    CHECK(default_part.exit_code == 1);
    CHECK_THAT(default_part.output, Catch::Contains("pace.ubj was trained on"));

    const auto missing_part = test::run_timbre({"train", config, "--held-out-part", "4"});
    INFO(missing_part.output);
    CHECK(missing_part.exit_code == 1);
    CHECK_THAT(missing_part.output,
               Catch::Contains("held-out part 4 does not exist") && Catch::Contains("numbered 0 to 3"));
}

TEST_CASE("a dataset's own split is also scored without the artists and texts it shares with training", "[cli][ml]") {
    test::ScratchDirectory scratch;
    std::ostringstream csv;
    csv << "artist,lyrics,mood,split\n";
    const std::vector<std::string> happy{"sun", "joy", "dance", "smile", "bright"}, sad{"rain", "tears", "alone", "grey", "cold"};
    for (int i = 0; i < 40; ++i) {
        const auto& words = i % 2 ? sad : happy;
        csv << "artist " << i % 10 << "," << words[i % 5] << " " << words[(i + 1) % 5] << " song " << i << ","
            << (i % 2 ? "sad" : "happy") << ",train\n";
    }
    // Held out: 4 rows by training artists, 1 repeating a training text under a new artist, 5 clean.
    for (int i = 0; i < 10; ++i) {
        const auto& words = i % 2 ? sad : happy;
        const std::string artist = i < 4 ? "artist " + std::to_string(i) : "new artist " + std::to_string(i);
        const std::string text = i == 4 ? "Sun JOY song 0!" : words[i % 5] + " " + words[(i + 2) % 5] + " new " +
                                                                   std::to_string(i);
        csv << artist << "," << text << "," << (i % 2 ? "sad" : "happy") << ",test\n";
    }
    test::write_text(scratch / "moods.csv", csv.str());
    test::write_text(scratch / "moods.yaml", "dataset: {csv: moods.csv, text: lyrics, label: mood, split: split, "
                                             "group: artist}\nnodes:\n  - {id: mood, plugin: timbre.text_classifier, "
                                             "params: {model: mood.ubj}, inputs: {text: track.lyrics}}\n");
    const auto trained = test::run_timbre({"train", (scratch / "moods.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK(line_value(trained.output, "held-out examples") == "10");
    CHECK(line_value(trained.output, "training examples among them") == "1 (the dataset's own split repeats them)");
    CHECK_THAT(trained.output, Catch::Contains("5 of the dataset's 10 held-out examples have the artist of a training "
                                               "example or repeat its text or recording"));
    CHECK(line_value(trained.output, "group-disjoint held-out examples") == "5");
    CHECK_FALSE(line_value(trained.output, "group-disjoint accuracy").empty());
    CHECK(std::filesystem::exists(scratch / "mood.report.group-disjoint.json"));
}

TEST_CASE("a user's CSV is scored without the config's group column and with its audio column named file",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_clicks(scratch);
    test::write_text(scratch / "pace.yaml",
                     std::string("dataset: {csv: list.csv, audio: path, label: label, group: band}\n") + test::kTempoNodes +
                         "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, rounds: 20, "
                         "max_depth: 2}, inputs: {features: tempo.vector}}\n");
    const auto trained = test::run_timbre({"train", (scratch / "pace.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    std::ostringstream mine;
    mine << "file,genre\n";
    for (int bpm : test::kSlowClicks) {
        mine << "music/slow/click_" << bpm << ".wav,slow\n";
    }
    for (int bpm : test::kFastClicks) {
        mine << "music/fast/click_" << bpm << ".wav,fast\n";
    }
    test::write_text(scratch / "mine.csv", mine.str());
    const auto scored = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--dataset",
                                          (scratch / "mine.csv").string(), "--label", "genre", "--all-examples"});
    INFO(scored.output);
    CHECK(scored.exit_code == 0);
    CHECK(line_value(scored.output, "held-out examples") == "12");
    const auto retrained = test::run_timbre({"train", (scratch / "pace.yaml").string(), "--dataset",
                                             (scratch / "mine.csv").string(), "--label", "genre", "--ignore-group",
                                             "--out", (scratch / "mine.ubj").string()});
    INFO(retrained.output);
    CHECK(retrained.exit_code == 0);
    CHECK_THAT(retrained.output, Catch::Contains("12 examples") && Catch::Contains("stratified by genre"));
}

TEST_CASE("a training-only source trains the model and is never held out or scored, even with --all-examples",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_click_thirds(scratch, "real.csv", "rendered.csv");  // 4 of the 12 clicks stand for synthetic recordings
    const auto dataset = std::string("dataset:\n  sources:\n    - {csv: real.csv, audio: path, label: label}\n") +
                         "    - {csv: rendered.csv, audio: path, label: label, training_only: true}\n" +
                         "  test_fraction: 0.25\n";
    const auto nodes = std::string(test::kTempoNodes) +
                       "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, rounds: 20, "
                       "max_depth: 2}, inputs: {features: tempo.vector}}\n";
    test::write_text(scratch / "pace.yaml", nodes + dataset);

    const auto trained = test::run_timbre({"train", (scratch / "pace.yaml").string(), "--folds", "2"});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("10 train, 2 held out (4 from training-only sources, never held out)"));
    CHECK_THAT(trained.output, Catch::Contains("trained on 10 examples"));
    CHECK(line_value(trained.output, "held-out examples") == "2");
    CHECK_THAT(trained.output, Catch::Contains("2-fold cross-validation on the training part"));
    CHECK_THAT(trained.output, !Catch::Contains("source 2"));

    const auto scored = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--all-examples"});
    INFO(scored.output);
    REQUIRE(scored.exit_code == 0);
    CHECK(line_value(scored.output, "held-out examples") == "8");
    CHECK(line_value(scored.output, "training examples among them") == "6");

    test::write_text(scratch / "unrendered.yaml",
                     nodes + "dataset:\n  sources:\n    - {csv: real.csv, audio: path, label: label}\n" +
                         "    - {csv: later/labels.csv, audio: path, label: label, training_only: true, "
                         "made_by: 'scripts/render.sh later'}\n");
    const auto missing = test::run_timbre({"train", (scratch / "unrendered.yaml").string()});
    CHECK(missing.exit_code != 0);
    CHECK_THAT(missing.output, Catch::Contains("labels.csv does not exist yet: it is made by scripts/render.sh later"));
}

TEST_CASE("each source of a pooled dataset holds out what it holds out alone", "[cli][ml]") {
    test::ScratchDirectory scratch;
    write_click_thirds(scratch, "first.csv", "second.csv");
    // Seed 2: dealing the twelve clicks together (as before sources were split alone) puts one
    // of the first source's own held-out clicks in the pooled model's training part.
    test::write_text(scratch / "pooled.yaml", std::string(test::kTempoNodes) +
                                                  "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: "
                                                  "pace.ubj, rounds: 20, max_depth: 2}, inputs: {features: "
                                                  "tempo.vector}}\n"
                                                  "dataset:\n  sources:\n"
                                                  "    - {csv: first.csv, audio: path, label: label}\n"
                                                  "    - {csv: second.csv, audio: path, label: label}\n"
                                                  "  test_fraction: 0.25\n  seed: 2\n");
    const auto trained = test::run_timbre({"train", (scratch / "pooled.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("stratified by label, each source alone"));
    // The pooled model scored on each source alone (its own split, the same seed and share).
    for (const auto& [source, held_out] : {std::pair{"first.csv", "2"}, std::pair{"second.csv", "1"}}) {
        const auto scored = test::run_timbre({"evaluate", (scratch / "pooled.yaml").string(), "--dataset",
                                              (scratch / source).string(), "--label", "label"});
        INFO(scored.output);
        CHECK(scored.exit_code == 0);
        CHECK(line_value(scored.output, "held-out examples") == held_out);
        CHECK(line_value(scored.output, "training examples among them") == "0");
    }
}
