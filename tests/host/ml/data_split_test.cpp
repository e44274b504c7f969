// SPDX-License-Identifier: GPL-3.0-or-later
// Splits never leak a group across sides, keep class proportions when stratified, are the
// same for the same seed, and k folds (and the holdout's parts) cover every example exactly once.
#include "ml/data_split.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

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

TEST_CASE("the holdout's parts hold out every example once, part 0 being the default holdout", "[ml]") {
    const Dataset dataset = synthetic(31, 6);
    REQUIRE(holdout_parts(0.2) == 5);
    REQUIRE(holdout_parts(0.25) == 4);
    std::vector<int> times(dataset.examples.size(), 0);
    for (unsigned part = 0; part < holdout_parts(0.2); ++part) {
        const Split split = holdout_split(dataset, 0.2, 42, true, part);
        std::set<std::string> train_groups;
        for (std::size_t i : split.train) train_groups.insert(dataset.examples[i].group);
        for (std::size_t i : split.test) {
            ++times[i];
            CHECK(train_groups.count(dataset.examples[i].group) == 0);
        }
    }
    CHECK(std::all_of(times.begin(), times.end(), [](int t) { return t == 1; }));
    CHECK(holdout_split(dataset, 0.2, 42, true).test == holdout_split(dataset, 0.2, 42, true, 0).test);
    CHECK_THROWS_WITH(holdout_split(dataset, 0.2, 42, true, 5),
                      Catch::Contains("held-out part 5 does not exist") && Catch::Contains("numbered 0 to 4"));
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

TEST_CASE("each pooled source holds out what it would hold out alone, in parts too", "[ml]") {
    // As load_dataset pools them: groups prefixed by the source's number; the second source
    // names no group column, so each row is its own group and, alone, it is stratified.
    const Dataset grouped = synthetic(20, 5);
    Dataset stratified;
    for (std::size_t i = 0; i < 37; ++i) {
        stratified.examples.push_back({.label = i % 3 == 0 ? "a" : "c", .group = std::to_string(i)});
    }
    Dataset pooled;
    pooled.sources = {{"grouped.csv", true}, {"stratified.csv", false}};
    for (const std::size_t s : {0, 1}) {
        for (Example example : (s == 0 ? grouped : stratified).examples) {
            example.group = std::to_string(s) + ":" + example.group;
            example.source = s;
            pooled.examples.push_back(example);
        }
    }
    const std::size_t offset = grouped.examples.size();
    auto of_source = [&](const std::vector<std::size_t>& indices, std::size_t source) {
        std::vector<std::size_t> own;
        for (std::size_t i : indices) {
            if (pooled.examples[i].source == source) {
                own.push_back(source == 0 ? i : i - offset);
            }
        }
        std::sort(own.begin(), own.end());
        return own;
    };
    auto sorted = [](std::vector<std::size_t> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    const Split split = holdout_split(pooled, 0.2, 42, true);
    CHECK(of_source(split.test, 0) == sorted(holdout_split(grouped, 0.2, 42, true).test));
    CHECK(of_source(split.test, 1) == sorted(holdout_split(stratified, 0.2, 42, false).test));

    // Cross-validation of the training part: each source's folds of its own training part.
    const Dataset training = dataset_part(pooled, split.train);
    const auto folds = k_fold_splits(training, 4, 42, true);
    // Examples are named by group here (each row of the second source is its own group).
    auto groups_of = [](const Dataset& dataset, const std::vector<std::size_t>& indices, const std::string& prefix) {
        std::multiset<std::string> names;
        for (std::size_t i : indices) {
            names.insert(prefix + dataset.examples[i].group);
        }
        return names;
    };
    const Dataset grouped_training = dataset_part(grouped, holdout_split(grouped, 0.2, 42, true).train);
    const Dataset stratified_training = dataset_part(stratified, holdout_split(stratified, 0.2, 42, false).train);
    const auto grouped_folds = k_fold_splits(grouped_training, 4, 42, true);
    const auto stratified_folds = k_fold_splits(stratified_training, 4, 42, false);
    REQUIRE(folds.size() == 4);
    for (std::size_t f = 0; f < folds.size(); ++f) {
        auto expected = groups_of(grouped_training, grouped_folds[f].test, "0:");
        expected.merge(groups_of(stratified_training, stratified_folds[f].test, "1:"));
        CHECK(groups_of(training, folds[f].test, "") == expected);
    }

    // --ignore-group: every source stratified, still each alone.
    CHECK(of_source(holdout_split(pooled, 0.2, 42, false).test, 0) ==
          sorted(holdout_split(grouped, 0.2, 42, false).test));
}
