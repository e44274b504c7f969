// SPDX-License-Identifier: GPL-3.0-or-later
// Answers are paired by example, not by position; the p-values are SciPy's
// binomtest(b, b + c, 0.5).pvalue for the same splits.
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
}  // namespace

TEST_CASE("paired answers: the examples each model alone got right, and McNemar's exact test", "[ml]") {
    // 14 examples: both right on 3, neither on 1, only the first on 4, only the second on 6.
    const std::vector<bool> first{1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    const std::vector<bool> second{1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
    auto shuffled = answers(second);
    std::reverse(shuffled.begin(), shuffled.end());
    const auto comparison = compare_answers(answers(first), shuffled);
    CHECK(comparison.shared == 14);
    CHECK(comparison.both_right == 3);
    CHECK(comparison.neither_right == 1);
    CHECK(comparison.first_only_right == 4);
    CHECK(comparison.second_only_right == 6);
    CHECK(comparison.p_value == Approx(0.75390625));
    const auto lopsided = compare_answers(answers({1, 1, 1, 1, 1, 1, 1, 1, 1}), answers({0, 0, 0, 0, 0, 0, 0, 0, 0}));
    CHECK(lopsided.p_value == Approx(0.00390625));
    CHECK(compare_answers(answers(first), answers(first)).p_value == 1.0);
}

TEST_CASE("examples only one report answered are counted apart, and reports of other data are refused", "[ml]") {
    auto longer = answers({1, 0, 1, 1});
    const auto comparison = compare_answers(answers({1, 1, 0}), longer);
    CHECK(comparison.shared == 3);
    CHECK(comparison.only_in_first == 0);
    CHECK(comparison.only_in_second == 1);
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
