// SPDX-License-Identifier: GPL-3.0-or-later
// Scores of a tagger on held-out examples, where each example may carry several tags (the
// instruments in a mixture): per tag precision, recall and F1 at probability 0.5 and the
// average precision of its ranking; micro- and macro-F1, mean average precision, the share
// of examples whose whole set was named exactly; and what answers that learned nothing score
// on the same examples. Micro-F1 carries its 95 % bootstrap interval. Each example's tags
// and the tags named for it are kept too. Written as JSON and Markdown.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ml/confidence_interval.hpp"
#include "ml/example_identity.hpp"

namespace timbre::host {

struct TagScores {
    std::string tag;
    std::size_t support = 0;    // scored examples that carry it
    std::size_t predicted = 0;  // scored examples given it at >= the threshold
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    double average_precision = 0.0;  // of the examples ranked by the tag's probability
};

// One held-out example's tags and those the model named for it, kept in the report so that
// two taggers scored on the same examples can be compared example by example
// (ml/paired_comparison.hpp).
struct TagAnswer {
    ExampleIdentity example;          // key "" where the caller knew none
    std::vector<std::string> truth;   // sorted, each tag once
    std::vector<std::string> predicted;  // sorted: the tags given at least the report's threshold
};

struct TaggingReport {
    double threshold = 0.5;
    std::vector<TagScores> tags;  // sorted; every tag the truth or the model names
    double micro_f1 = 0.0;        // over every (example, tag) decision
    ConfidenceInterval micro_f1_interval;
    double macro_f1 = 0.0;        // mean over the tags some scored example carries
    double mean_average_precision = 0.0;  // over the same tags
    double exact_sets = 0.0;      // share of examples whose predicted set is exactly their tags
    double mean_tags = 0.0;       // tags per example, truth
    double mean_predicted = 0.0;  // and predicted
    std::size_t examples = 0;
    std::size_t failed = 0;       // examples without a prediction: scored as naming no tag
    // Baselines on the same examples: every tag answered for every example, and a ranking
    // that knows nothing (each tag's average precision is then its share of the examples).
    double every_tag_micro_f1 = 0.0;
    double chance_mean_average_precision = 0.0;
    std::vector<TagAnswer> answers;  // every example, in the order given
};

// `presence[k]` is each tag's probability for example k, nullopt where it had no prediction.
// Keeps each answer without its identity (the caller names them). Throws timbre::Error when
// there is nothing to score or a probability is not in [0, 1].
TaggingReport score_tags(const std::vector<std::vector<std::string>>& truth,
                         const std::vector<std::optional<std::map<std::string, double>>>& presence);

// How one example's named tags meet its own: the counts micro-F1 sums over examples.
struct TagDecisions {
    double true_positives = 0.0;
    double false_positives = 0.0;
    double false_negatives = 0.0;
};
TagDecisions decisions_of(const TagAnswer& answer);

// Micro-F1 over every (example, tag) decision of the examples `sample` picks (a repeated
// index counts again); 0 where no example carries or is given a tag.
double micro_f1(std::span<const TagDecisions> decisions, std::span<const std::size_t> sample);

// Writes `stem`.json and `stem`.md; throws timbre::Error naming a file that cannot be written.
void write_report(const TaggingReport& report, const std::string& title, const std::filesystem::path& stem);

}  // namespace timbre::host
