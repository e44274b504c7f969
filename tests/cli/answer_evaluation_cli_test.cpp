// SPDX-License-Identifier: GPL-3.0-or-later
// `evaluate --node` scores a node as its config wires it — an answer of several models, or one
// model as shipped — only on the examples none of the models it passes through trained on,
// and refuses what it cannot score with the reason.
#include <catch2/catch.hpp>

#include "support/click_library.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
test::CommandResult timbre_run(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), test::timbre_binary.string());
    return test::run_command(arguments);
}
}  // namespace

TEST_CASE("evaluate --node scores an answer and a model on the examples none of their models trained on",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "pace.yaml", std::string(test::kTempoNodes) +
                                                "  - {id: pace, plugin: timbre.gbt_classifier, params: {model: pace.ubj, "
                                                "rounds: 20, max_depth: 2}, inputs: {features: tempo.vector}}\n"
                                                "  - {id: answer, plugin: timbre.consensus, inputs: {l1: pace.labels}}\n");
    const auto trained = timbre_run({"train", (scratch / "pace.yaml").string(), "--dataset", (scratch / "music").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);

    for (const std::string node : {"answer", "pace"}) {
        const auto scored = timbre_run({"evaluate", (scratch / "pace.yaml").string(), "--node", node, "--dataset",
                                        (scratch / "music").string(), "--report", (scratch / node).string()});
        INFO(scored.output);
        REQUIRE(scored.exit_code == 0);
        // 9 of the 12 clicks trained pace.ubj (a quarter of each label held out).
        CHECK_THAT(scored.output, Catch::Contains("9 of 12 examples left out: the models they pass through (pace.ubj)"));
        CHECK_THAT(scored.output, Catch::Contains("held-out examples: 3\n"));
        CHECK(std::filesystem::exists(scratch / (node + ".json")));
    }

    const auto unknown = timbre_run({"evaluate", (scratch / "pace.yaml").string(), "--node", "answr", "--dataset",
                                     (scratch / "music").string()});
    CHECK(unknown.exit_code != 0);
    CHECK_THAT(unknown.output, Catch::Contains("--node answr") && Catch::Contains("has no node of that id"));
    const auto with_model = timbre_run({"evaluate", (scratch / "pace.yaml").string(), "--node", "answer", "--out",
                                        (scratch / "other.ubj").string(), "--dataset", (scratch / "music").string()});
    CHECK(with_model.exit_code != 0);
    CHECK_THAT(with_model.output, Catch::Contains("takes no --model"));
    const auto no_labels = timbre_run({"evaluate", (scratch / "pace.yaml").string(), "--node", "tempo", "--dataset",
                                       (scratch / "music").string()});
    CHECK(no_labels.exit_code != 0);
    CHECK_THAT(no_labels.output, Catch::Contains("has no labels output to score"));
}
