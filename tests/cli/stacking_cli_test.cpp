// SPDX-License-Identifier: GPL-3.0-or-later
// Stacked training end to end: two modality models that each see half of what decides the
// class, and a fuser over their probabilities that must see all of it. Each modality alone
// can reach at most 50 %; the fuser is only near 100 % if it was trained on honest
// (out-of-fold) predictions of both and combines them.
#include <catch2/catch.hpp>

#include <random>
#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// Class A..D: `side` (a number) separates {A, B} from {C, D}; the word in `text` separates
// {A, C} from {B, D}. Numbers and words carry a little noise so no model is trivially exact.
std::string stacking_csv() {
    std::mt19937 engine(3);
    std::normal_distribution<double> noise(0.0, 0.15);
    std::ostringstream csv;
    csv << "id,label,side,text\n";
    const char* labels[] = {"A", "B", "C", "D"};
    for (int i = 0; i < 400; ++i) {
        const int c = i % 4;
        const double side = (c < 2 ? 0.0 : 1.0) + noise(engine);
        const char* word = (c % 2 == 0) ? "red" : "blue";
        csv << i << "," << labels[c] << "," << side << ",the " << word << " song number " << i << "\n";
    }
    return csv.str();
}

double accuracy_line(const std::string& output, const std::string& prefix) {
    const auto at = output.find(prefix);
    REQUIRE(at != std::string::npos);
    return std::stod(output.substr(at + prefix.size()));
}
}  // namespace

TEST_CASE("train stacks modality models: the fuser learns from out-of-fold predictions and beats each",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "data.csv", stacking_csv());
    test::write_text(scratch / "stack.yaml", R"(dataset: {csv: data.csv, label: label, features: [side], text: text, id: id}
nodes:
  - {id: by_number, plugin: timbre.gbt_classifier, params: {model: number.ubj, rounds: 20}, inputs: {features: track.features}}
  - {id: by_words, plugin: timbre.text_classifier, params: {model: words.ubj, rounds: 20}, inputs: {text: track.lyrics}}
  - {id: both, plugin: timbre.join, inputs: {l1: by_number.labels, l2: by_words.labels}}
  - {id: fused, plugin: timbre.gbt_classifier, params: {model: fused.ubj, booster: gblinear, rounds: 50, learning_rate: 0.5, threads: 1},
     inputs: {features: both.vector}}
)");
    const auto trial =
        test::run_timbre({"train", (scratch / "stack.yaml").string(), "--model-dir", (scratch / "trial").string()});
    INFO(trial.output);
    REQUIRE(trial.exit_code == 0);
    for (const char* model : {"number.ubj", "words.ubj", "fused.ubj"}) {
        CHECK(std::filesystem::exists(scratch / "trial" / model));
        CHECK_FALSE(std::filesystem::exists(scratch / model));  // a trial run leaves the config's models alone
    }

    const auto trained = test::run_timbre({"train", (scratch / "stack.yaml").string()});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK_THAT(trained.output, Catch::Contains("fold 5/5"));
    for (const char* model : {"number.ubj", "words.ubj", "fused.ubj"}) {
        CHECK(std::filesystem::exists(scratch / model));
    }
    CHECK(accuracy_line(trained.output, "node 'by_number' alone: accuracy ") < 0.6);
    CHECK(accuracy_line(trained.output, "node 'by_words' alone: accuracy ") < 0.6);
    CHECK(accuracy_line(trained.output, "\naccuracy: ") > 0.9);

    const auto evaluated = test::run_timbre({"evaluate", (scratch / "stack.yaml").string()});
    INFO(evaluated.output);
    CHECK(evaluated.exit_code == 0);
    CHECK(accuracy_line(evaluated.output, "\naccuracy: ") == accuracy_line(trained.output, "\naccuracy: "));

    const auto folds = test::run_timbre({"train", (scratch / "stack.yaml").string(), "--folds", "3"});
    CHECK(folds.exit_code == 1);
    CHECK_THAT(folds.output, Catch::Contains("cross-validating a stacked pipeline is not supported"));
}

TEST_CASE("a frozen model is read as it is: training leaves it alone and skips the examples it learned from",
          "[cli][ml]") {
    test::ScratchDirectory scratch;
    const std::string csv = stacking_csv();
    const std::size_t half = csv.find("\n200,");  // rows 0..199, of which the frozen model learns from 160
    test::write_text(scratch / "first.csv", csv.substr(0, half + 1));
    test::write_text(scratch / "data.csv", csv);
    test::write_text(scratch / "number.yaml", R"(dataset: {csv: first.csv, label: label, features: [side], id: id}
nodes:
  - {id: by_number, plugin: timbre.gbt_classifier, params: {model: number.ubj, rounds: 20}, inputs: {features: track.features}}
)");
    const auto first = test::run_timbre({"train", (scratch / "number.yaml").string()});
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    const std::string frozen_model = test::read_text(scratch / "number.ubj");

    test::write_text(scratch / "transfer.yaml", R"(dataset: {csv: data.csv, label: label, features: [side], id: id}
nodes:
  - {id: by_number, plugin: timbre.gbt_classifier, frozen: true, params: {model: number.ubj}, inputs: {features: track.features}}
  - {id: both, plugin: timbre.join, inputs: {l1: by_number.labels}}
  - {id: fused, plugin: timbre.gbt_classifier, params: {model: fused.ubj, rounds: 20}, inputs: {features: both.vector}}
)");
    const auto trained = test::run_timbre({"train", (scratch / "transfer.yaml").string(), "--folds", "3"});
    INFO(trained.output);
    REQUIRE(trained.exit_code == 0);
    CHECK(test::read_text(scratch / "number.ubj") == frozen_model);
    CHECK_THAT(trained.output,
               Catch::Contains("160 of 400 examples left out: the frozen models they pass through (number.ubj)"));
    CHECK(test::printed_number(trained.output, "held-out examples") == 48);  // a fifth of the 240 left
    CHECK_THAT(trained.output, Catch::Contains("3-fold cross-validation on the training part"));

    const auto refitted = test::run_timbre({"train", (scratch / "transfer.yaml").string(), "--node", "by_number"});
    CHECK(refitted.exit_code == 1);
    CHECK_THAT(refitted.output, Catch::Contains("--node by_number is frozen"));

    test::write_text(scratch / "wrong.yaml", R"(nodes:
  - {id: by_number, plugin: timbre.gbt_classifier, params: {model: number.ubj}, inputs: {features: track.features}}
  - {id: both, plugin: timbre.join, frozen: true, inputs: {l1: by_number.labels}}
)");
    const auto wrong = test::run_timbre({"validate", (scratch / "wrong.yaml").string()});
    CHECK(wrong.exit_code == 1);
    CHECK_THAT(wrong.output, Catch::Contains("wrong.yaml:3:45: error: 'frozen' keeps a trained model as it is"));
}
