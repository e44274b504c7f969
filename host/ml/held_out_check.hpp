// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a held-out score can be trusted: the examples scored must not be examples the model
// learned from (checked against its training fingerprint), and when a dataset brings its own
// split, which may put one artist or one text on both sides, a second, group-disjoint test
// part is scored beside the dataset's.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "ml/data_split.hpp"
#include "ml/dataset.hpp"

namespace timbre::host {

// The examples of split.test that share no group and no identity (Example::key) with any
// example of split.train.
std::vector<std::size_t> group_disjoint_part(const Dataset& dataset, const Split& split);

// How many of `scored` the model beside `model_file` was trained on, by its fingerprint
// (nullopt: the model has none). When `overlap_allowed` is false and any was, throws
// timbre::Error naming the model, how many, and the first few examples by origin.
std::optional<std::size_t> count_training_examples(const Dataset& dataset, const std::vector<std::size_t>& scored,
                                                   const std::filesystem::path& model_file, bool overlap_allowed);

// Leaves out of `dataset` the examples that a frozen model (`frozen: true`) feeding `node` was
// trained on, by the `.trained-on` fingerprint beside it: its outputs on them are not what it
// gives on new music, so neither training nor scoring may use them. Logs how many.
void drop_examples_frozen_models_saw(const Graph& graph, const GraphNode& node, Dataset& dataset);

// Whether the models of the nodes themselves count, or only those of the nodes they read:
// scoring counts them (a model is not scored on its own training examples); fitting a node
// again ignores its own previous fit.
enum class OwnModels { count, ignored };

// The examples of `dataset` that no trained model upstream of `nodes` learned from, judged by
// the `.trained-on` fingerprint beside each model: a learned metric or an answer that mixes
// several models is scored (and an answer's calibration fitted) on tracks none of them saw,
// as `evaluate` scores one classifier. Training-only examples are never among them. Logs how
// many were left out and why (`name`: the dataset, for messages); throws timbre::Error when
// fewer than two are left.
std::vector<std::size_t> examples_no_upstream_model_saw(const Graph& graph, const std::vector<const GraphNode*>& nodes,
                                                        const Dataset& dataset, const std::string& name, OwnModels own);

}  // namespace timbre::host
