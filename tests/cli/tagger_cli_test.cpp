// SPDX-License-Identifier: GPL-3.0-or-later
// A tagger learns which sound kinds are in a mixture, end to end: `train` mixes the fixture
// recordings (sine, square, pink and brown noise) two or three at a time, held-out mixtures
// from held-out recordings only, and must name them far better than answering every kind or
// ranking by chance; `evaluate` re-reads the model to the same scores, and its report keeps
// each mixture's answer for `compare-models`; a classifier is
// refused mixtures and a tagger a dataset without them, each with the reason.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {

std::string config(const std::string& plugin, const std::string& mixtures) {
    return "sample_rate: 22050\n"
           "dataset: {csv: " + (test::fixtures / "sources" / "labels.csv").string() + ", label: kind, audio: path, "
           "test_fraction: 0.25, seed: 3" + mixtures + "}\n"
           "nodes:\n"
           "  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
           "  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}\n"
           "  - {id: stats, plugin: timbre.summary, inputs: {frames: mfcc.mfcc}}\n"
           "  - {id: kinds, plugin: " + plugin + ", params: {model: kinds.ubj, rounds: 60, max_depth: 2}, "
           "inputs: {features: stats.stats}}\n";
}
}  // namespace

TEST_CASE("train and evaluate a tagger on mixtures of recordings it splits first", "[cli][ml]") {
    test::ScratchDirectory scratch;
    const std::string mixtures = ", mixtures: {count: 240, voices: [2, 3], gain_db: [-6, 0], seconds: 1.5}";
    test::write_text(scratch / "tags.yaml", config("timbre.gbt_tagger", mixtures));
    const auto trained = test::run_timbre({"train", (scratch / "tags.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("each side's mixtures made from its own recordings only"));
    CHECK(test::printed_number(trained.output, "held-out examples") == 60);
    CHECK(test::printed_number(trained.output, "failed examples") == 0);
    const double micro_f1 = test::printed_number(trained.output, "micro-F1");
    CHECK(micro_f1 > 0.8);
    CHECK(micro_f1 > test::printed_number(trained.output, "every-tag baseline micro-F1") + 0.1);
    CHECK(test::printed_number(trained.output, "exact sets") > 0.3);
    CHECK(test::printed_number(trained.output, "mAP") > test::printed_number(trained.output, "chance baseline mAP") + 0.2);
    CHECK_THAT(trained.output, Catch::Contains("  brown: precision "));
    CHECK(std::filesystem::exists(scratch / "kinds.report.md"));
    CHECK(std::filesystem::exists(scratch / "kinds.ubj.trained-on"));

    const auto evaluated = test::run_timbre({"evaluate", (scratch / "tags.yaml").string()});
    INFO(evaluated.output);
    REQUIRE(evaluated.exit_code == 0);
    CHECK(test::printed_number(evaluated.output, "micro-F1") == micro_f1);
    CHECK(test::printed_number(evaluated.output, "training examples among them") == 0);
    const auto report = nlohmann::json::parse(test::read_text(scratch / "kinds.report.json"));
    REQUIRE(report["answers"].size() == 60);
    CHECK(report["answers"][0]["truth"].size() >= 2);
    CHECK_THAT(report["answers"][0]["origin"].get<std::string>(), Catch::StartsWith("mixture "));
    const auto itself = test::run_timbre(
        {"compare-models", (scratch / "kinds.report.json").string(), (scratch / "kinds.report.json").string()});
    INFO(itself.output);
    CHECK(test::printed_number(itself.output, "second micro-F1") == Approx(micro_f1).margin(1e-5));
    CHECK(test::printed_number(itself.output, "micro-F1 gain of the second") == 0.0);
    CHECK(test::printed_number(itself.output, "only the first exact") == 0.0);
    CHECK_THAT(itself.output, Catch::Contains("p = 1 "));

    const auto folds = test::run_timbre({"train", (scratch / "tags.yaml").string(), "--folds", "3"});
    CHECK(folds.exit_code != 0);
    CHECK_THAT(folds.output, Catch::Contains("folds of mixtures would share recordings"));

    test::write_text(scratch / "classifier.yaml", config("timbre.gbt_classifier", mixtures));
    const auto classifier = test::run_timbre({"train", (scratch / "classifier.yaml").string()});
    CHECK(classifier.exit_code != 0);
    CHECK_THAT(classifier.output, Catch::Contains("only a tagger learns tags"));

    test::write_text(scratch / "no-mixtures.yaml", config("timbre.gbt_tagger", ""));
    const auto plain = test::run_timbre({"train", (scratch / "no-mixtures.yaml").string()});
    CHECK(plain.exit_code != 0);
    CHECK_THAT(plain.output, Catch::Contains("is a tagger") && Catch::Contains("'mixtures'"));
}

TEST_CASE("a tagger given another dataset on the command line mixes that dataset's recordings", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "tags.yaml",
                     config("timbre.gbt_tagger", ", mixtures: {count: 120, voices: [2, 2], gain_db: [-6, 0], seconds: 1.5}"));
    std::ofstream csv(scratch / "three-kinds.csv");
    csv << "file,sound\n";
    for (int take = 0; take < 6; ++take) {
        for (const std::string kind : {"sine", "square", "pink"}) {
            const std::string name = kind + "_" + std::to_string(take) + ".wav";
            csv << (test::fixtures / "sources" / name).string() << "," << kind << "\n";
            std::filesystem::create_directories(scratch / "by-folder" / kind);
            std::filesystem::copy_file(test::fixtures / "sources" / name, scratch / "by-folder" / kind / name);
        }
    }
    csv.close();
    for (const auto& [dataset, extra] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"three-kinds.csv", {"--label", "sound"}}, {"by-folder", {}}}) {
        std::vector<std::string> arguments{"train",       (scratch / "tags.yaml").string(),
                                           "--dataset",   (scratch / dataset).string(),
                                           "--model-dir", (scratch / ("model-" + dataset)).string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        const auto trained = test::run_timbre(arguments);
        INFO(dataset << ": " << trained.output);
        REQUIRE(trained.exit_code == 0);
        CHECK(test::printed_number(trained.output, "held-out examples") == 30);
        CHECK_THAT(trained.output, Catch::Contains("  pink: precision ") && !Catch::Contains("  brown: precision "));
    }
}

TEST_CASE("a wrong mixtures section is refused at its line and column", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "bad.yaml", config("timbre.gbt_tagger", ", mixtures: {count: 240, voices: [3, 2]}"));
    const auto checked = test::run_timbre({"validate", (scratch / "bad.yaml").string()});
    CHECK(checked.exit_code != 0);
    CHECK_THAT(checked.output, Catch::Contains("bad.yaml:2:") && Catch::Contains("'dataset.mixtures.voices': LOW must not exceed HIGH"));
}
