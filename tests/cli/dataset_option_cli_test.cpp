// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train|evaluate CONFIG --dataset D --out MODEL` as the issue spells it: D a folder
// with one sub-folder per label or a CSV listing audio paths and labels, --group-by keeping a
// group on one side of the split, --all-examples scoring a dataset the model never saw, and a
// CSV in the config's layout replacing the config's own. Mistakes are named.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/click_library.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
const std::string kTempoConfig =
    std::string(test::kTempoNodes) +
    "  - {id: pace, plugin: timbre.gbt_classifier, params: {rounds: 20, max_depth: 2}, inputs: {features: tempo.vector}}\n";

}  // namespace

TEST_CASE("train and evaluate take --dataset (a folder or a CSV of audio paths), --group-by and --out", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "tempo.yaml", kTempoConfig);
    const auto config = (scratch / "tempo.yaml").string();
    const auto model = (scratch / "pace.ubj").string();

    const auto from_folder = test::run_timbre({"train", config, "--dataset", (scratch / "music").string(), "--group-by",
                                               "artist", "--out", model});
    INFO(from_folder.output);
    REQUIRE(from_folder.exit_code == 0);
    CHECK_THAT(from_folder.output, Catch::Contains("12 examples"));
    CHECK_THAT(from_folder.output, Catch::Contains("grouped by artist"));
    CHECK(std::filesystem::exists(model));

    const auto from_list = test::run_timbre({"train", config, "--dataset", (scratch / "list.csv").string(),
                                             "--group-by", "band", "--out", model});
    INFO(from_list.output);
    REQUIRE(from_list.exit_code == 0);
    CHECK_THAT(from_list.output, Catch::Contains("split grouped by band: 9 train, 3 held out"));

    const auto everything = test::run_timbre({"evaluate", config, "--dataset", (scratch / "music").string(), "--out",
                                              model, "--all-examples"});
    INFO(everything.output);
    REQUIRE(everything.exit_code == 0);
    CHECK_THAT(everything.output, Catch::Contains("held-out examples: 12"));
}

TEST_CASE("a CSV given with --dataset replaces the config's and keeps its declared columns", "[cli][ml]") {
    test::ScratchDirectory scratch;
    std::ostringstream small, large;
    small << "x,y\n";
    large << "x,y\n";
    for (int i = 0; i < 40; ++i) {
        small << i << "," << (i < 20 ? "low" : "high") << "\n";
    }
    for (int i = 0; i < 100; ++i) {
        large << i << "," << (i < 50 ? "low" : "high") << "\n";
    }
    test::write_text(scratch / "small.csv", small.str());
    test::write_text(scratch / "large.csv", large.str());
    test::write_text(scratch / "level.yaml", "dataset: {csv: small.csv, label: y, features: [x]}\nnodes:\n"
                                            "  - {id: level, plugin: timbre.gbt_classifier, params: {model: level.ubj, "
                                            "rounds: 10}, inputs: {features: track.features}}\n");
    const auto run = test::run_timbre({"train", (scratch / "level.yaml").string(), "--dataset",
                                       (scratch / "large.csv").string()});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("100 examples"));
    CHECK_THAT(run.output, Catch::Contains("held-out examples: 20"));
}

TEST_CASE("dataset options that cannot work are refused, naming the option and what is there", "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_click_library(scratch);
    test::write_text(scratch / "tempo.yaml", kTempoConfig);
    test::write_text(scratch / "numbers.csv", "x,genre\n1,a\n");
    const auto config = (scratch / "tempo.yaml").string();

    const auto no_data = test::run_timbre({"train", config});
    CHECK(no_data.exit_code == 1);
    CHECK_THAT(no_data.output, Catch::Contains("has no 'dataset' section") && Catch::Contains("pass --dataset"));

    const auto missing = test::run_timbre({"train", config, "--dataset", (scratch / "nowhere").string()});
    CHECK_THAT(missing.output, Catch::Contains("nowhere: no such file or folder"));

    const auto bad_tag = test::run_timbre({"train", config, "--dataset", (scratch / "music").string(), "--group-by",
                                           "genre"});
    CHECK(bad_tag.exit_code == 1);
    CHECK_THAT(bad_tag.output, Catch::Contains("--group-by genre: a folder dataset groups by a tag, 'artist' or 'album'"));

    const auto no_label = test::run_timbre({"train", config, "--dataset", (scratch / "numbers.csv").string()});
    CHECK_THAT(no_label.output, Catch::Contains("no 'label' column") && Catch::Contains("(columns: x, genre)"));

    const auto no_audio = test::run_timbre({"train", config, "--dataset", (scratch / "numbers.csv").string(), "--label",
                                            "genre"});
    CHECK_THAT(no_audio.output, Catch::Contains("no column of audio paths"));

    test::write_text(scratch / "numbers.yaml", "nodes:\n  - {id: level, plugin: timbre.gbt_classifier, params: "
                                               "{model: level.ubj}, inputs: {features: track.features}}\n");
    const auto wrong_kind = test::run_timbre({"train", (scratch / "numbers.yaml").string(), "--dataset",
                                              (scratch / "music").string()});
    CHECK(wrong_kind.exit_code == 1);
    CHECK_THAT(wrong_kind.output, Catch::Contains("node 'level' reads track.features, which a dataset of audio files does "
                                                  "not provide"));
    CHECK_THAT(wrong_kind.output, !Catch::Contains("failed:"));  // refused before any file is decoded

    const auto both = test::run_timbre({"train", config, "--dataset", (scratch / "list.csv").string(), "--group-by",
                                        "band", "--ignore-group"});
    CHECK(both.exit_code != 0);
    CHECK_THAT(both.output, Catch::Contains("excludes"));
}
