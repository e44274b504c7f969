// SPDX-License-Identifier: GPL-3.0-or-later
// Scores of a classifier on held-out examples: accuracy, macro-F1, per-class precision,
// recall and F1, the confusion matrix, and what a model that learned nothing would score on
// the same examples, and how well its probabilities are calibrated (ml/calibration.hpp),
// each headline figure with its 95 % interval (ml/confidence_interval.hpp); written as JSON,
// Markdown and SVG pictures.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ml/calibration.hpp"
#include "ml/confidence_interval.hpp"
#include "ml/example_identity.hpp"

namespace timbre::host {

struct ClassScores {
    std::string label;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::size_t support = 0;
};

// One held-out example's answer, kept in the report so that two models scored on the same
// examples can be compared example by example (ml/paired_comparison.hpp).
struct ExampleAnswer {
    ExampleIdentity example;  // key "" where the caller knew none
    std::string truth;
    std::string predicted;
};

struct ClassificationReport {
    std::vector<std::string> labels;                       // sorted
    std::vector<std::vector<std::size_t>> confusion;       // [true][predicted]
    std::vector<ClassScores> classes;
    double accuracy = 0.0;
    double macro_f1 = 0.0;
    ConfidenceInterval accuracy_interval;  // exact binomial; over groups, also the bootstrap's (share_interval)
    ConfidenceInterval macro_f1_interval;  // bootstrap over the examples, or their groups
    std::size_t interval_groups = 0;       // the groups the bootstrap drew whole; 0: each example alone
    std::size_t examples = 0;
    std::size_t correct = 0;
    std::size_t failed = 0;            // examples without a prediction, scored as misses
    // Baselines on the same examples (see set_baselines).
    std::string majority_class;
    double majority_baseline = 0.0;    // accuracy of always answering majority_class
    double stratified_baseline = 0.0;  // expected accuracy of guessing at the reference class shares
    double majority_p_value = 1.0;     // chance of `correct` or more right at the majority baseline's rate
    std::optional<Calibration> calibration;  // over the examples with a prediction, where there is one
    std::vector<ExampleAnswer> answers;      // in the order scored
};

// Keeps each answer (without identities: the caller names them); the intervals resample
// `units` (of truth.size() examples). Throws timbre::Error when there is nothing to score.
ClassificationReport score_predictions(const std::vector<std::string>& truth, const std::vector<std::string>& predicted,
                                       const ResamplingUnits& units);

// Fills the baselines from `reference_labels`, the labels the model learned from (the
// training part): its commonest class answered for every example, and random guesses at its
// class shares. Throws timbre::Error if `reference_labels` is empty.
void set_baselines(ClassificationReport& report, const std::vector<std::string>& reference_labels);

// Writes `stem`.json, `stem`.md and `stem`.svg (and, with a calibration, its diagram in
// `stem`.reliability.svg); `title` heads the Markdown and the pictures.
// Throws timbre::Error naming a file that cannot be written.
void write_report(const ClassificationReport& report, const std::string& title, const std::filesystem::path& stem);

// Writes one report file; throws timbre::Error naming it if it cannot be written.
void write_report_file(const std::filesystem::path& file, const std::string& text);

}  // namespace timbre::host
