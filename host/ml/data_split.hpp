// SPDX-License-Identifier: GPL-3.0-or-later
// Held-out splits that do not leak: with a group column, every group (e.g. an artist) lies
// wholly on one side; without one, each class is split in the same proportion (stratified).
// Deterministic for a given seed, so `train` and `evaluate` see the same test set.
#pragma once

#include <vector>

#include "ml/dataset.hpp"

namespace timbre::host {

struct Split {
    std::vector<std::size_t> train;  // indices into Dataset::examples
    std::vector<std::size_t> test;
};

// How many parts a holdout of about test_fraction deals the examples into (5 for 0.2).
unsigned holdout_parts(double test_fraction);

// A holdout of about test_fraction of the examples: part `part` of holdout_parts(test_fraction)
// (part 0 by default), so that training once per part holds out every example once.
Split holdout_split(const Dataset& dataset, double test_fraction, unsigned seed, bool by_group, unsigned part = 0);

// k folds, each used once as the test set; groups never straddle folds when by_group. A
// training-only example is in every fold's training part and no test part. Each source of a
// pooled dataset gets the folds it would get alone (so a model trained on one source and one
// trained on the pooled sources hold out the same examples of it).
std::vector<Split> k_fold_splits(const Dataset& dataset, unsigned folds, unsigned seed, bool by_group);

}  // namespace timbre::host
