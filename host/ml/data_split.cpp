// SPDX-License-Identifier: GPL-3.0-or-later
// Grouped splits shuffle the groups (seeded) and deal them into folds, largest first, each to
// the fold that is currently smallest, which keeps fold sizes even; stratified splits deal
// each class's shuffled examples round-robin. Training-only examples are dealt to no fold, so
// adding them leaves the folds of the others exactly as they were. A pooled dataset's sources
// are dealt one by one, each from the same seed, by its own group if it names one: a source's
// folds are the ones it would have as the whole dataset.
#include "ml/data_split.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr unsigned kNoFold = std::numeric_limits<unsigned>::max();

// Deals `members` (indices of examples) into folds: by group, or each class round-robin.
void deal(const Dataset& dataset, const std::vector<std::size_t>& members, unsigned folds, unsigned seed, bool by_group,
          std::vector<unsigned>& fold_of) {
    std::mt19937 generator(seed);
    std::map<std::string, std::vector<std::size_t>> buckets;
    for (std::size_t i : members) {
        const Example& example = dataset.examples[i];
        buckets[by_group ? example.group : example.label].push_back(i);
    }
    if (by_group) {
        std::vector<std::vector<std::size_t>*> groups;
        for (auto& [name, bucket] : buckets) {
            groups.push_back(&bucket);
        }
        std::shuffle(groups.begin(), groups.end(), generator);
        std::stable_sort(groups.begin(), groups.end(), [](auto* a, auto* b) { return a->size() > b->size(); });
        std::vector<std::size_t> sizes(folds, 0);
        for (auto* bucket : groups) {
            const auto smallest =
                static_cast<unsigned>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
            for (std::size_t i : *bucket) {
                fold_of[i] = smallest;
            }
            sizes[smallest] += bucket->size();
        }
    } else {
        unsigned next = 0;
        for (auto& [label, bucket] : buckets) {
            std::shuffle(bucket.begin(), bucket.end(), generator);
            for (std::size_t i : bucket) {
                fold_of[i] = next++ % folds;
            }
        }
    }
}

// Assigns each example a fold in [0, folds), or kNoFold to a training-only one.
std::vector<unsigned> assign_folds(const Dataset& dataset, unsigned folds, unsigned seed, bool by_group) {
    const bool pooled = !dataset.sources.empty();
    std::vector<std::vector<std::size_t>> members_of_source(pooled ? dataset.sources.size() : 1);
    for (std::size_t i = 0; i < dataset.examples.size(); ++i) {
        if (!dataset.examples[i].training_only) {
            members_of_source[pooled ? dataset.examples[i].source : 0].push_back(i);
        }
    }
    std::vector<unsigned> fold_of(dataset.examples.size(), kNoFold);
    for (std::size_t s = 0; s < members_of_source.size(); ++s) {
        deal(dataset, members_of_source[s], folds, seed, by_group && (!pooled || dataset.sources[s].grouped), fold_of);
    }
    return fold_of;
}

}  // namespace

std::vector<Split> k_fold_splits(const Dataset& dataset, unsigned folds, unsigned seed, bool by_group) {
    const auto fold_of = assign_folds(dataset, folds, seed, by_group);
    std::vector<Split> splits(folds);
    for (std::size_t i = 0; i < fold_of.size(); ++i) {
        for (unsigned f = 0; f < folds; ++f) {
            (fold_of[i] == f ? splits[f].test : splits[f].train).push_back(i);
        }
    }
    return splits;
}

unsigned holdout_parts(double test_fraction) {
    return static_cast<unsigned>(std::max(2.0, std::round(1.0 / test_fraction)));
}

Split holdout_split(const Dataset& dataset, double test_fraction, unsigned seed, bool by_group, unsigned part) {
    const unsigned parts = holdout_parts(test_fraction);
    if (part >= parts) {
        throw Error(
            fmt::format("held-out part {} does not exist: a test_fraction of {} deals the examples into {} "
                        "parts, numbered 0 to {}",
                        part, test_fraction, parts, parts - 1));
    }
    return k_fold_splits(dataset, parts, seed, by_group)[part];
}

}  // namespace timbre::host
