// SPDX-License-Identifier: GPL-3.0-or-later
// Whether one model answers better than another on the same held-out examples. Their two
// scores' intervals overlap on small parts even where one model is better on nearly every
// example, so the comparison pairs the answers example by example. Classifiers: only the
// examples on which the two disagree about being right carry information, and McNemar's
// exact test asks how likely so lopsided a split of them would be if the models were equally
// good. Regressors: the sign test asks the same of the examples each estimates more closely,
// and a paired bootstrap gives the interval of the difference in R². Taggers: McNemar's test
// on the examples whose whole set of tags each named exactly, and a paired bootstrap of the
// difference in micro-F1. The two tests count examples as independent; where the reports' answers
// name groups (an artist's tracks), every interval resamples whole groups, and is then the
// measure to trust (ml/confidence_interval.hpp).
#pragma once

#include <cstddef>
#include <vector>

#include "ml/classification_report.hpp"
#include "ml/confidence_interval.hpp"
#include "ml/regression_report.hpp"
#include "ml/tagging_report.hpp"

namespace timbre::host {

// How many examples two reports share, and how many only one of them answered.
struct SharedExamples {
    std::size_t shared = 0;
    std::size_t only_in_first = 0;
    std::size_t only_in_second = 0;
};

// Of the shared examples, how many each model got right (a class, or a whole set of tags).
struct RightCounts {
    std::size_t both = 0;
    std::size_t first_only = 0;
    std::size_t second_only = 0;
    std::size_t neither = 0;
};

struct PairedComparison {
    SharedExamples examples;
    RightCounts right;
    ConfidenceInterval accuracy_gain;  // second accuracy minus first, both from the same resamples
    std::size_t interval_groups = 0;   // the groups the bootstrap drew whole; 0: each example alone
    double p_value = 1.0;              // exact McNemar test, two-sided
};

struct PairedEstimates {
    SharedExamples examples;
    std::size_t first_closer = 0;  // examples whose absolute error is smaller in the first report
    std::size_t second_closer = 0;
    std::size_t equally_close = 0;
    double first_mae = 0.0;        // over the shared examples
    double second_mae = 0.0;
    double first_r2 = 0.0;         // over the shared examples, against their own mean
    double second_r2 = 0.0;
    ConfidenceInterval r2_gain;    // second R² minus first, both from the same resamples
    std::size_t interval_groups = 0;
    double p_value = 1.0;          // exact sign test on the closer counts, two-sided
};

struct PairedTags {
    SharedExamples examples;
    RightCounts exact;                 // examples whose whole set of tags was named exactly
    double first_micro_f1 = 0.0;       // over the shared examples
    double second_micro_f1 = 0.0;
    ConfidenceInterval micro_f1_gain;  // second micro-F1 minus first, both from the same resamples
    std::size_t interval_groups = 0;
    double p_value = 1.0;              // exact McNemar test on the exact sets, two-sided
};

// Pair the answers by example identity. Throw timbre::Error naming the example where an
// answer has no identity, an example is answered twice in one report or with two different
// truths in the two, and when the reports share no example.
PairedComparison compare_answers(const std::vector<ExampleAnswer>& first, const std::vector<ExampleAnswer>& second);
// … and also when the shared examples' targets are all equal (R² undefined).
PairedEstimates compare_estimates(const std::vector<EstimateAnswer>& first, const std::vector<EstimateAnswer>& second);
PairedTags compare_tags(const std::vector<TagAnswer>& first, const std::vector<TagAnswer>& second);

}  // namespace timbre::host
