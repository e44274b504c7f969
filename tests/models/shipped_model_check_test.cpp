// SPDX-License-Identifier: GPL-3.0-or-later
// The shipped-model check itself must be able to fail: it is run against a stand-in for
// `timbre` that prints chosen figures, and must reject a score outside the recorded band (above
// it too), a score that is not a number, a missing held-out example, a failed one, a model
// without a training fingerprint and a slice model no better than always answering the
// commonest class; and it must fail, not skip, when its data is missing under CI.
#include <catch2/catch.hpp>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
const std::string kHeldOut = "held-out examples: 100\nfailed examples: 0 (scored as misses)\naccuracy: 0.8\n"
                             "macro-F1: 0.79\nmajority baseline: 0.5 (always 'a')\nstratified baseline: 0.5\n"
                             "training examples among them: 0\n";
const std::string kSlice = "held-out examples: 20\nfailed examples: 0 (scored as misses)\naccuracy: 0.7\n"
                           "majority baseline: 0.5 (always 'a')\nstratified baseline: 0.5\n";

// Runs the check with a stand-in `timbre` that prints `held_out` for evaluate and `slice`
// for train, against a recorded accuracy of 0.80 ± 0.01 on 100 examples. `arguments_check`
// is shell the stand-in runs first, with the arguments it was given as "$@".
test::CommandResult check(const std::string& held_out, const std::string& slice,
                          const std::vector<std::string>& recorded = {"accuracy", "0.80", "tolerance", "0.01", "examples",
                                                                      "100", "slice", "50"},
                          const std::string& arguments_check = "") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "configs");
    test::write_text(scratch / "configs" / "m.yaml", "nodes: []\n");
    test::write_text(scratch / "evaluate.txt", held_out);
    test::write_text(scratch / "train.txt", slice);
    test::write_text(scratch / "timbre", "#!/bin/sh\n" + arguments_check + "\ncat \"$(dirname \"$0\")/$1.txt\"\n");
    std::filesystem::permissions(scratch / "timbre", std::filesystem::perms::owner_all);
    std::vector<std::string> argv{(test::source_dir / "tests/models/check_shipped_model.sh").string(),
                                  (scratch / "timbre").string(), scratch.path().string(), (scratch / "work").string(),
                                  "configs/m.yaml"};
    argv.insert(argv.end(), recorded.begin(), recorded.end());
    return test::run_command(argv);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
}
}  // namespace

TEST_CASE("the shipped-model check passes figures that match the record", "[models]") {
    const auto result = check(kHeldOut, kSlice);
    INFO(result.output);
    CHECK(result.exit_code == 0);
}

TEST_CASE("the shipped-model check fails on every way a figure can mislead", "[models]") {
    const std::vector<std::pair<std::string, test::CommandResult>> cases{
        {"held-out accuracy 0.9", check(replaced(kHeldOut, "accuracy: 0.8", "accuracy: 0.9"), kSlice)},
        {"held-out accuracy 0.7", check(replaced(kHeldOut, "accuracy: 0.8", "accuracy: 0.7"), kSlice)},
        {"held-out accuracy (not a number)", check(replaced(kHeldOut, "accuracy: 0.8", "accuracy: nan"), kSlice)},
        {"held-out accuracy (not a number)", check(replaced(kHeldOut, "accuracy: 0.8", "accuracy: inf"), kSlice)},
        {"held-out examples 83", check(replaced(kHeldOut, "examples: 100", "examples: 83"), kSlice)},
        {"failed held-out examples 17", check(replaced(kHeldOut, "failed examples: 0", "failed examples: 17"), kSlice)},
        {"training examples among the held-out: unknown",
         check(replaced(kHeldOut, "them: 0", "them: unknown (no fingerprint)"), kSlice)},
        {"held-out accuracy 0.5 beats", check(kHeldOut, replaced(kSlice, "accuracy: 0.7", "accuracy: 0.5"))},
        {"held-out accuracy 0.6 beats",
         check(kHeldOut, "accuracy: 0.6\nmajority baseline: 0.5 (always 'a')\nstratified baseline: 0.65\n")},
    };
    for (const auto& [failure, result] : cases) {
        INFO(result.output);
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.output, Catch::Contains("FAIL  configs/m.yaml") && Catch::Contains(failure));
    }
}

TEST_CASE("the shipped-model check holds a regressor to finite R² above predicting the mean", "[models]") {
    const std::string held_out = "held-out examples: 50\nfailed examples: 0 (not scored)\nr2: 0.2\n"
                                 "mean baseline r2: -0.01\ntraining examples among them: 0\n";
    const std::vector<std::string> recorded{"r2", "0.20", "tolerance", "0.02", "examples", "50"};
    CHECK(check(held_out, "r2: 0.1\nmean baseline r2: -0.02\n", recorded).exit_code == 0);
    CHECK(check(held_out, "r2: -0.1\nmean baseline r2: -0.02\n", recorded).exit_code == 1);
    CHECK(check(replaced(held_out, "r2: 0.2", "r2: -inf"), "r2: 0.1\nmean baseline r2: -0.02\n", recorded).exit_code == 1);
}

TEST_CASE("the shipped-model check holds a tagger to its micro-F1 and to beating every tag and chance", "[models]") {
    const std::string held_out = "held-out examples: 40\nfailed examples: 0 (scored as naming no tag)\n"
                                 "micro-F1: 0.6 (a tag is named at probability >= 0.5)\nmAP: 0.7\n"
                                 "every-tag baseline micro-F1: 0.2\nchance baseline mAP: 0.15\n"
                                 "training examples among them: 0\n";
    const std::string slice = "micro-F1: 0.5 (a tag is named at probability >= 0.5)\nmAP: 0.6\n"
                              "every-tag baseline micro-F1: 0.2\nchance baseline mAP: 0.15\n";
    const std::vector<std::string> recorded{"micro-F1", "0.60", "tolerance", "0.02", "examples", "40"};
    CHECK(check(held_out, slice, recorded).exit_code == 0);
    CHECK(check(replaced(held_out, "micro-F1: 0.6", "micro-F1: 0.7"), slice, recorded).exit_code == 1);
    const auto no_ranking = check(held_out, replaced(slice, "mAP: 0.6", "mAP: 0.1"), recorded);
    INFO(no_ranking.output);
    CHECK(no_ranking.exit_code == 1);
    CHECK_THAT(no_ranking.output, Catch::Contains("FAIL") && Catch::Contains("beats chance (0.15)"));
}

TEST_CASE("the shipped-model check changes the parameter its record sets for the slice training only", "[models]") {
    // The stand-in fails unless train, and only train, is given --set m.epochs=2.
    const std::string wants_set = "case \"$*\" in\n  train*'--set m.epochs=2'*) ;;\n  train*) exit 3 ;;\n"
                                  "  *--set*) exit 4 ;;\nesac";
    const std::vector<std::string> recorded{"accuracy", "0.80", "tolerance", "0.01", "examples", "100", "slice", "50"};
    std::vector<std::string> with_set = recorded;
    with_set.insert(with_set.end(), {"set", "m.epochs=2"});
    const auto result = check(kHeldOut, kSlice, with_set, wants_set);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK(check(kHeldOut, kSlice, recorded, wants_set).exit_code != 0);
}

TEST_CASE("the shipped-model check fails under CI, and only there skips, when its data is missing", "[models]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "configs");
    test::write_text(scratch / "configs" / "m.yaml", "dataset: {csv: ../../shared/data/nowhere/none.csv}\nnodes: []\n");
    const std::vector<std::string> argv{(test::source_dir / "tests/models/check_shipped_model.sh").string(), "timbre",
                                        scratch.path().string(), (scratch / "work").string(), "configs/m.yaml",
                                        "accuracy", "0.8", "tolerance", "0.01", "examples", "10"};
    for (const char* ci : {"CI=true", "CI=1", "CI=yes"}) {
        const auto result = test::run_command(argv, {ci});
        INFO(ci << ": " << result.output);
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.output, Catch::Contains("data missing") && Catch::Contains("nowhere/none.csv"));
    }
    CHECK(test::run_command(argv, {"CI=false"}).exit_code == 77);
}

TEST_CASE("the shipped-model check treats the audio a credits table names as data an install brings", "[models]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directories(scratch / "configs");
    std::filesystem::create_directories(scratch / "plugins" / "m" / "models");
    test::write_text(scratch / "configs" / "m.yaml", "dataset: {csv: ../plugins/m/models/credits.csv}\nnodes: []\n");
    test::write_text(scratch / "plugins" / "m" / "models" / "credits.csv",
                     "path,composer\n" + (scratch / "not-installed" / "a.ogg").string() + ",someone\n");
    const std::vector<std::string> argv{(test::source_dir / "tests/models/check_shipped_model.sh").string(), "timbre",
                                        scratch.path().string(), (scratch / "work").string(), "configs/m.yaml",
                                        "accuracy", "0.8", "tolerance", "0.01", "examples", "10"};
    const auto under_ci = test::run_command(argv, {"CI=true"});
    INFO(under_ci.output);
    CHECK(under_ci.exit_code == 1);
    CHECK_THAT(under_ci.output, Catch::Contains("not-installed/a.ogg (installed by scripts/install-deps.sh)"));
    CHECK(test::run_command(argv, {"CI=false"}).exit_code == 77);
}
