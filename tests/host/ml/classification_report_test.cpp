// SPDX-License-Identifier: GPL-3.0-or-later
// Scores match hand-computed values (and scikit-learn's conventions: a class never
// predicted has precision 0 and still counts in the macro mean); reports are written in
// all three forms.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "ml/classification_report.hpp"
#include "support/command_run.hpp"

using namespace timbre::host;

TEST_CASE("accuracy, per-class scores, macro-F1 and the confusion matrix match hand computation", "[ml]") {
    const std::vector<std::string> truth{"cat", "cat", "cat", "dog", "dog", "fox"};
    const std::vector<std::string> predicted{"cat", "cat", "dog", "dog", "cat", "dog"};
    const auto report = score_predictions(truth, predicted, ResamplingUnits::each_example(truth.size()));
    CHECK(report.accuracy == Approx(3.0 / 6.0));
    REQUIRE(report.labels == std::vector<std::string>{"cat", "dog", "fox"});
    CHECK(report.confusion[0] == std::vector<std::size_t>{2, 1, 0});
    CHECK(report.confusion[2] == std::vector<std::size_t>{0, 1, 0});
    CHECK(report.classes[0].precision == Approx(2.0 / 3.0));
    CHECK(report.classes[0].recall == Approx(2.0 / 3.0));
    CHECK(report.classes[1].precision == Approx(1.0 / 3.0));
    CHECK(report.classes[1].recall == Approx(1.0 / 2.0));
    CHECK(report.classes[2].precision == 0.0);
    CHECK(report.classes[2].f1 == 0.0);
    CHECK(report.macro_f1 == Approx((2.0 / 3.0 + 0.4 + 0.0) / 3.0));
    CHECK(report.accuracy_interval.low == Approx(0.11811724875702524).margin(1e-9));  // SciPy, 3 of 6 exact
    CHECK(report.accuracy_interval.high == Approx(0.8818827512429748).margin(1e-9));
    CHECK(report.macro_f1_interval.low < report.macro_f1);
    CHECK(report.macro_f1_interval.high > report.macro_f1);
    CHECK(report.macro_f1_interval.low >= 0.0);
    CHECK(report.macro_f1_interval.high <= 1.0);
}

TEST_CASE("macro-F1's interval narrows as the same answers are held out in greater number", "[ml]") {
    std::vector<std::string> truth, predicted;
    const auto width_at = [&](std::size_t copies) {
        truth.clear();
        predicted.clear();
        for (std::size_t i = 0; i < copies; ++i) {
            truth.insert(truth.end(), {"a", "a", "b", "b", "c"});
            predicted.insert(predicted.end(), {"a", "b", "b", "b", "a"});
        }
        const auto alone = ResamplingUnits::each_example(truth.size());
        const auto interval = score_predictions(truth, predicted, alone).macro_f1_interval;
        return interval.high - interval.low;
    };
    const double few = width_at(4), many = width_at(64);
    CHECK(many < few / 3.0);
    CHECK(many > 0.0);
}

TEST_CASE("a report is written as JSON, Markdown and SVG", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    write_report(score_predictions({"a", "b"}, {"a", "a"}, ResamplingUnits::each_example(2)), "Test <report>",
                 scratch / "r");
    const auto json = nlohmann::json::parse(timbre::test::read_text(scratch / "r.json"));
    CHECK(json["accuracy"] == 0.5);
    CHECK(json["accuracy_interval"][0] == Approx(0.0125791).margin(1e-6));  // SciPy, 1 of 2 exact
    CHECK(json["accuracy_interval"][1] == Approx(0.9874209).margin(1e-6));
    CHECK_THAT(timbre::test::read_text(scratch / "r.md"), Catch::Contains("| a |") && Catch::Contains("Accuracy: **0.500**"));
    CHECK_THAT(timbre::test::read_text(scratch / "r.svg"), Catch::StartsWith("<svg") && Catch::Contains("Test &lt;report&gt;"));
}

TEST_CASE("a label that is predicted but never true has a confusion column but no macro-F1 weight", "[ml]") {
    const auto report =
        score_predictions({"a", "a", "b"}, {"a", "(no prediction)", "b"}, ResamplingUnits::each_example(3));
    CHECK(report.accuracy == Approx(2.0 / 3.0));
    CHECK(report.labels.size() == 3);
    REQUIRE(report.classes.size() == 2);
    CHECK(report.macro_f1 == Approx((2.0 / 3.0 + 1.0) / 2.0));
}

TEST_CASE("baselines: the training part's commonest class answered always, and guessing at its shares", "[ml]") {
    // Held out: 3 cats, 1 dog. Trained on 1 cat and 3 dogs: the majority answer is 'dog'.
    auto report = score_predictions({"cat", "cat", "cat", "dog"}, {"cat", "cat", "dog", "dog"},
                                    ResamplingUnits::each_example(4));
    set_baselines(report, {"cat", "dog", "dog", "dog"});
    CHECK(report.majority_class == "dog");
    CHECK(report.majority_baseline == Approx(0.25));
    CHECK(report.stratified_baseline == Approx(0.25 * 0.75 + 0.75 * 0.25));
    CHECK(report.majority_p_value == Approx(13.0 / 256.0));  // 3 or more of 4 right at a rate of 1/4
    CHECK_THROWS(set_baselines(report, {}));
}

TEST_CASE("nothing to score is an error, not an accuracy", "[ml]") {
    CHECK_THROWS_WITH(score_predictions({}, {}, ResamplingUnits::each_example(0)),
                      Catch::Contains("no held-out examples"));
}

TEST_CASE("over groups, accuracy's interval is at least the exact one and states how many groups", "[ml]") {
    // Two artists, each right on all or none of its three tracks.
    const std::vector<std::string> truth{"a", "a", "a", "b", "b", "b"}, predicted{"a", "a", "a", "a", "a", "a"};
    const std::vector<std::string> artists{"x", "x", "x", "y", "y", "y"};
    const auto alone = score_predictions(truth, predicted, ResamplingUnits::each_example(6));
    const auto grouped = score_predictions(truth, predicted, ResamplingUnits::by_group(artists));
    CHECK(alone.interval_groups == 0);
    CHECK(grouped.interval_groups == 2);
    CHECK(grouped.accuracy == alone.accuracy);
    CHECK(grouped.accuracy_interval.low == 0.0);  // one draw in four is the wrong artist twice
    CHECK(grouped.accuracy_interval.high == 1.0);
    CHECK(alone.accuracy_interval.low > 0.0);
    CHECK_THROWS_WITH(score_predictions(truth, predicted, ResamplingUnits::each_example(5)),
                      Catch::Contains("resampling units"));
}
