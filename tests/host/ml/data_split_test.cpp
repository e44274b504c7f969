// SPDX-License-Identifier: GPL-3.0-or-later
// Splits never leak a group across sides, keep class proportions when stratified, are the
// same for the same seed, and k folds cover every example exactly once.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "ml/data_split.hpp"

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
