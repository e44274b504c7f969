// SPDX-License-Identifier: GPL-3.0-or-later
// Splits never leak a group across sides, keep class proportions when stratified, are the
// same for the same seed, and k folds cover every example exactly once.
#include "ml/data_split.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

using namespace timbre::host;

namespace {
Dataset synthetic(std::size_t groups, std::size_t per_group) {
    Dataset dataset;
    dataset.feature_names = {"x"};
    for (std::size_t g = 0; g < groups; ++g) {
        for (std::size_t i = 0; i < per_group; ++i) {
            dataset.examples.push_back({.label = (g + i) % 3 == 0 ? "a" : (g + i) % 3 == 1 ? "b" : "c",
                                        .group = "artist" + std::to_string(g),
                                        .features = {static_cast<double>(i)}});
        }
    }
    return dataset;
}
}  // namespace

TEST_CASE("a grouped holdout keeps every group on one side", "[ml]") {
    const Dataset dataset = synthetic(50, 7);
    const Split split = holdout_split(dataset, 0.2, 42, true);
    std::set<std::string> train_groups, test_groups;
    for (std::size_t i : split.train) train_groups.insert(dataset.examples[i].group);
    for (std::size_t i : split.test) test_groups.insert(dataset.examples[i].group);
    for (const auto& group : test_groups) {
        CHECK(train_groups.count(group) == 0);
    }
    CHECK(split.test.size() == Approx(0.2 * dataset.examples.size()).margin(7));
    CHECK(split.train.size() + split.test.size() == dataset.examples.size());
}

TEST_CASE("a stratified holdout keeps each class's share within one example", "[ml]") {
    const Dataset dataset = synthetic(30, 10);
    const Split split = holdout_split(dataset, 0.2, 7, false);
    std::map<std::string, std::size_t> all, held;
    for (const auto& example : dataset.examples) ++all[example.label];
    for (std::size_t i : split.test) ++held[dataset.examples[i].label];
    for (const auto& [label, count] : all) {
        CHECK(static_cast<double>(held[label]) == Approx(0.2 * count).margin(1.0));
    }
}

TEST_CASE("splits are deterministic for a seed and differ between seeds", "[ml]") {
    const Dataset dataset = synthetic(40, 5);
    CHECK(holdout_split(dataset, 0.2, 1, true).test == holdout_split(dataset, 0.2, 1, true).test);
    CHECK(holdout_split(dataset, 0.2, 1, true).test != holdout_split(dataset, 0.2, 2, true).test);
}

TEST_CASE("k folds use every example as test exactly once", "[ml]") {
    const Dataset dataset = synthetic(23, 4);
    std::vector<int> times(dataset.examples.size(), 0);
    for (const Split& fold : k_fold_splits(dataset, 5, 3, true)) {
        for (std::size_t i : fold.test) ++times[i];
        CHECK(fold.train.size() + fold.test.size() == dataset.examples.size());
    }
    CHECK(std::all_of(times.begin(), times.end(), [](int t) { return t == 1; }));
}

TEST_CASE("training-only examples train in every fold, are never tested, and leave the others' folds as they were",
          "[ml]") {
    const Dataset real = synthetic(20, 5);
    Dataset pooled = synthetic(20, 5);
    for (std::size_t i = 0; i < 30; ++i) {
        pooled.examples.push_back(
            {.label = i % 2 == 0 ? "a" : "b", .group = "rendered" + std::to_string(i % 3), .training_only = true});
    }
    for (const bool by_group : {true, false}) {
        const auto folds = k_fold_splits(pooled, 4, 9, by_group);
        const auto real_folds = k_fold_splits(real, 4, 9, by_group);
        REQUIRE(folds.size() == real_folds.size());
        for (std::size_t f = 0; f < folds.size(); ++f) {
            CHECK(folds[f].test == real_folds[f].test);
            CHECK(folds[f].train.size() == real_folds[f].train.size() + 30);
            CHECK(std::count_if(folds[f].train.begin(), folds[f].train.end(),
                                [&](std::size_t i) { return pooled.examples[i].training_only; }) == 30);
        }
        CHECK(holdout_split(pooled, 0.2, 5, by_group).test == holdout_split(real, 0.2, 5, by_group).test);
    }
}
