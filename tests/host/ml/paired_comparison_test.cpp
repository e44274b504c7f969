// SPDX-License-Identifier: GPL-3.0-or-later
// Answers are paired by example, not by position; the p-values are SciPy's
// binomtest(b, b + c, 0.5).pvalue for the same splits, of labels right and wrong, of
// estimates closer and farther, or of sets of tags named exactly or not.
#include <catch2/catch.hpp>

#include "ml/paired_comparison.hpp"

using namespace timbre::host;

namespace {
// `n` examples e0, e1, ... of class "x", answered "x" where `right` says so, else "y".
std::vector<ExampleAnswer> answers(const std::vector<bool>& right) {
    std::vector<ExampleAnswer> result;
    for (std::size_t i = 0; i < right.size(); ++i) {
        const std::string number = std::to_string(i);
        result.push_back({{std::string("e").append(number), std::string("clip").append(number).append(".wav")}, "x",
                          right[i] ? "x" : "y"});
    }
    return result;
}

// Examples e0, e1, ... with targets 1, 2, 3, ..., each estimated off by `errors`.
std::vector<EstimateAnswer> estimates(const std::vector<double>& errors) {
    std::vector<EstimateAnswer> result;
    for (std::size_t i = 0; i < errors.size(); ++i) {
        const std::string number = std::to_string(i);
        const double target = static_cast<double>(i + 1);
        result.push_back({{std::string("e").append(number), std::string("row").append(number)}, target, target + errors[i]});
    }
    return result;
}

// Examples e0, e1, ... that carry tags a and b, named as `named` says.
std::vector<TagAnswer> tag_answers(const std::vector<std::vector<std::string>>& named) {
    std::vector<TagAnswer> result;
    for (std::size_t i = 0; i < named.size(); ++i) {
        const std::string number = std::to_string(i);
        result.push_back({{std::string("e").append(number), std::string("mixture ").append(number)}, {"a", "b"}, named[i]});
    }
    return result;
}
}  // namespace

TEST_CASE("paired answers: the examples each model alone got right, and McNemar's exact test", "[ml]") {
    // 14 examples: both right on 3, neither on 1, only the first on 4, only the second on 6.
    const std::vector<bool> first{1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    const std::vector<bool> second{1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    auto shuffled = answers(second);
    std::reverse(shuffled.begin(), shuffled.end());
    const auto comparison = compare_answers(answers(first), shuffled);
    CHECK(comparison.examples.shared == 14);
    CHECK(comparison.right.both == 3);
    CHECK(comparison.right.neither == 1);
    CHECK(comparison.right.first_only == 4);
    CHECK(comparison.right.second_only == 6);
    CHECK(comparison.p_value == Approx(0.75390625));
    const auto lopsided = compare_answers(answers({1, 1, 1, 1, 1, 1, 1, 1, 1}), answers({0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(lopsided.p_value == Approx(0.00390625));
    CHECK(compare_answers(answers(first), answers(first)).p_value == 1.0);
}

TEST_CASE("examples only one report answered are counted apart, and reports of other data are refused", "[ml]") {
    auto longer = answers({1, 0, 1, 1});
    const auto comparison = compare_answers(answers({1, 1, 0}), longer);
    CHECK(comparison.examples.shared == 3);
    CHECK(comparison.examples.only_in_first == 0);
    CHECK(comparison.examples.only_in_second == 1);
    for (auto& answer : longer) {
        answer.example.key = "other-" + answer.example.key;
    }
    CHECK_THROWS_WITH(compare_answers(answers({1, 1, 0}), longer), Catch::Contains("share no held-out example"));
    auto relabelled = answers({1, 1});
    relabelled[1].truth = "z";
    CHECK_THROWS_WITH(compare_answers(answers({1, 1}), relabelled), Catch::Contains("clip1.wav") && Catch::Contains("'z'"));
    auto anonymous = answers({1});
    anonymous[0].example.key.clear();
    CHECK_THROWS_WITH(compare_answers(anonymous, answers({1})), Catch::Contains("without an example identity"));
    auto twice = answers({1, 1});
    twice[1].example.key = twice[0].example.key;
    CHECK_THROWS_WITH(compare_answers(answers({1}), twice), Catch::Contains("twice"));
}

TEST_CASE("paired estimates: which is closer, the sign test, both R² and the interval of their difference", "[ml]") {
    // Targets 1 … 8 (sum of squares about their mean 42). The first is off by 1 on six examples
    // and by 0.25 on one; the second by 0.5 on seven; both exact on the last.
    const auto first = estimates({1, -1, 1, -1, 1, -1, 0.25, 0});
    auto second = estimates({0.5, -0.5, 0.5, -0.5, 0.5, -0.5, -0.5, 0});
    std::reverse(second.begin(), second.end());
    const auto comparison = compare_estimates(first, second);
    CHECK(comparison.examples.shared == 8);
    CHECK(comparison.first_closer == 1);
    CHECK(comparison.second_closer == 6);
    CHECK(comparison.equally_close == 1);
    CHECK(comparison.p_value == Approx(0.125));
    CHECK(comparison.first_mae == Approx(6.25 / 8));
    CHECK(comparison.second_mae == Approx(3.5 / 8));
    CHECK(comparison.first_r2 == Approx(1.0 - 6.0625 / 42));
    CHECK(comparison.second_r2 == Approx(1.0 - 1.75 / 42));
    const double gain = comparison.second_r2 - comparison.first_r2;
    CHECK(comparison.r2_gain.low <= gain);
    CHECK(comparison.r2_gain.high >= gain);
    CHECK(comparison.r2_gain.high > comparison.r2_gain.low);

    const auto itself = compare_estimates(first, first);
    CHECK(itself.equally_close == 8);
    CHECK(itself.p_value == 1.0);
    CHECK(itself.r2_gain.low == 0.0);
    CHECK(itself.r2_gain.high == 0.0);
}

TEST_CASE("estimates of other targets, or of targets that never vary, are refused", "[ml]") {
    auto shifted = estimates({0, 0, 0});
    shifted[2].truth = 3.5;
    CHECK_THROWS_WITH(compare_estimates(estimates({0, 0, 0}), shifted), Catch::Contains("row2") && Catch::Contains("3.5"));
    auto flat = estimates({0, 1, 2});
    for (auto& answer : flat) {
        answer.truth = 1.0;
    }
    CHECK_THROWS_WITH(compare_estimates(flat, flat), Catch::Contains("same target"));
}

TEST_CASE("paired tag sets: exact sets by McNemar's test and the interval of the gain in micro-F1", "[ml]") {
    // Five examples carrying {a, b}. The first names both on two, only a on three (micro-F1
    // 2·7 / (2·7 + 3) = 14/17); the second names both on four, nothing on one (16/18).
    const auto first = tag_answers({{"a", "b"}, {"a", "b"}, {"a"}, {"a"}, {"a"}});
    const auto second = tag_answers({{"a", "b"}, {}, {"a", "b"}, {"a", "b"}, {"a", "b"}});
    const auto comparison = compare_tags(first, second);
    CHECK(comparison.examples.shared == 5);
    CHECK(comparison.exact.both == 1);
    CHECK(comparison.exact.first_only == 1);
    CHECK(comparison.exact.second_only == 3);
    CHECK(comparison.exact.neither == 0);
    CHECK(comparison.p_value == Approx(0.625));
    CHECK(comparison.first_micro_f1 == Approx(14.0 / 17.0));
    CHECK(comparison.second_micro_f1 == Approx(16.0 / 18.0));
    const double gain = comparison.second_micro_f1 - comparison.first_micro_f1;
    CHECK(comparison.micro_f1_gain.low <= gain);
    CHECK(comparison.micro_f1_gain.high >= gain);
    auto other_tags = tag_answers({{"a"}});
    other_tags[0].truth = {"a"};
    CHECK_THROWS_WITH(compare_tags(tag_answers({{"a"}}), other_tags), Catch::Contains("'a + b'") && Catch::Contains("'a'"));
}

TEST_CASE("the accuracy gain's interval resamples the groups the answers name", "[ml]") {
    // 40 examples in 8 artists of 5: the second model right on every track of the 6 artists
    // the first missed, the first right on every track of 2, one of which the second missed.
    std::vector<bool> first, second;
    for (int artist = 0; artist < 8; ++artist) {
        for (int track = 0; track < 5; ++track) {
            first.push_back(artist == 0 || artist == 6);
            second.push_back(artist != 0);
        }
    }
    auto first_answers = answers(first), second_answers = answers(second);
    const auto alone = compare_answers(first_answers, second_answers);
    CHECK(alone.interval_groups == 0);
    CHECK(alone.accuracy_gain.low > 0.0);
    for (std::size_t i = 0; i < first.size(); ++i) {
        first_answers[i].example.group = std::string("artist ").append(std::to_string(i / 5));
    }
    const auto grouped = compare_answers(first_answers, second_answers);
    CHECK(grouped.interval_groups == 8);
    CHECK(grouped.p_value == alone.p_value);  // the test counts examples either way
    CHECK(grouped.accuracy_gain.low < alone.accuracy_gain.low);
    CHECK(grouped.accuracy_gain.high >= alone.accuracy_gain.high);
    CHECK(grouped.accuracy_gain.low < 0.25);
}
