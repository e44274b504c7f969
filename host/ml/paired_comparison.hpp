// SPDX-License-Identifier: GPL-3.0-or-later
// Whether one model answers better than another on the same held-out examples. Their two
// accuracies' intervals overlap on small parts even where one model is right on every
// example the other is, so the comparison pairs the answers: only the examples on which the
// two disagree about being right carry information, and McNemar's exact test asks how likely
// so lopsided a split of them would be if the models were equally good.
#pragma once

#include <cstddef>
#include <vector>

#include "ml/classification_report.hpp"

namespace timbre::host {

struct PairedComparison {
    std::size_t shared = 0;          // examples both reports answered
    std::size_t only_in_first = 0;   // examples one report answered and the other did not
    std::size_t only_in_second = 0;
    std::size_t both_right = 0;
    std::size_t first_only_right = 0;
    std::size_t second_only_right = 0;
    std::size_t neither_right = 0;
    double p_value = 1.0;            // exact McNemar test, two-sided
};

// Pairs the answers by example identity. Throws timbre::Error naming the example where an
// answer has no identity, an example is answered twice in one report or with two different
// truths in the two, and when the reports share no example.
PairedComparison compare_answers(const std::vector<ExampleAnswer>& first, const std::vector<ExampleAnswer>& second);

}  // namespace timbre::host
