// SPDX-License-Identifier: GPL-3.0-or-later
// `evaluate --node` scores a node as its config wires it — an answer of several models, or one
// model as shipped — only on the examples none of the models it passes through trained on,
// and refuses what it cannot score with the reason; `train --node` fits an answer's
// calibration on those examples and scores it out of fold.
#include <catch2/catch.hpp>

#include "support/click_library.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// The click library in `scratch`, and pace.ubj trained on 9 of its 12 clicks (a quarter of
// each label held out) by the pipeline returned, which later configs extend.
std::string trained_pace(const test::ScratchDirectory& scratch) {
    test::write_click_library(scratch);
    const std::string pace = std::string(test::kTempoNodes) +
                             "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, rounds: 20, "
                             "max_depth: 2}, inputs: {features: tempo.vector}}\n";
    test::write_text(scratch / "train.yaml", pace);
    const auto trained = test::run_timbre({"train", (scratch / "train.yaml").string(), "--dataset",
                                           (scratch / "music").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    return pace;
}
}  // namespace

TEST_CASE("evaluate --node scores an answer and a model on the examples none of their models trained on",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    const std::string pace = trained_pace(scratch);
    test::write_text(scratch / "pace.yaml", pace + "  - {id: answer, plugin: timbre.consensus, inputs: {l1: pace.labels}}\n");

    for (const std::string node : {"answer", "pace"}) {
        const auto scored = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--node", node, "--dataset",
                                              (scratch / "music").string(), "--report", (scratch / node).string()});
        INFO(scored.output);
        REQUIRE(scored.exit_code == 0);
        // 9 of the 12 clicks trained pace.ubj (a quarter of each label held out).
        CHECK_THAT(scored.output, Catch::Contains("9 of 12 examples left out: the models they pass through (pace.ubj)"));
        CHECK_THAT(scored.output, Catch::Contains("held-out examples: 3\n"));
        CHECK(std::filesystem::exists(scratch / (node + ".json")));
    }

    const auto unknown = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--node", "answr", "--dataset",
                                           (scratch / "music").string()});
    CHECK(unknown.exit_code != 0);
    CHECK_THAT(unknown.output, Catch::Contains("--node answr") && Catch::Contains("has no node of that id"));
    const auto with_model = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--node", "answer", "--out",
                                              (scratch / "other.ubj").string(), "--dataset",
                                              (scratch / "music").string()});
    CHECK(with_model.exit_code != 0);
    CHECK_THAT(with_model.output, Catch::Contains("takes no") && Catch::Contains("--model"));
    const auto no_labels = test::run_timbre({"evaluate", (scratch / "pace.yaml").string(), "--node", "tempo",
                                             "--dataset", (scratch / "music").string()});
    CHECK(no_labels.exit_code != 0);
    CHECK_THAT(no_labels.output, Catch::Contains("has no labels output to score"));
}

TEST_CASE("train --node fits an answer's calibration on the examples its models never saw, scored out of fold",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    const std::string pace = trained_pace(scratch);
    test::write_text(scratch / "answer.yaml", pace + "  - {id: answer, plugin: timbre.consensus, params: {model: "
                                                     "answer.yaml.fit}, inputs: {l1: pace.labels}}\n");
    const auto fitted = test::run_timbre({"train", (scratch / "answer.yaml").string(), "--node", "answer", "--folds",
                                          "3", "--dataset", (scratch / "music").string()});
    INFO(fitted.output);
    REQUIRE(fitted.exit_code == 0);
    CHECK_THAT(fitted.output, Catch::Contains("9 of 12 examples left out"));
    CHECK_THAT(fitted.output, Catch::Contains("scored on the fold left out:\nheld-out examples: 3\n"));
    CHECK_THAT(fitted.output, Catch::Contains("unfitted held-out examples: 3\n"));
    CHECK(std::filesystem::exists(scratch / "answer.yaml.fit"));
    CHECK(std::filesystem::exists(scratch / "answer.yaml.fit.trained-on"));
    // Fitted on every example pace.ubj did not see, the answer has none left to be scored on.
    const auto scored = test::run_timbre({"evaluate", (scratch / "answer.yaml").string(), "--node", "answer",
                                          "--dataset", (scratch / "music").string()});
    CHECK(scored.exit_code != 0);
    CHECK_THAT(scored.output, Catch::Contains("12 of 12 examples left out") && Catch::Contains("score on another collection"));
}
