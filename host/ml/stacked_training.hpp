// SPDX-License-Identifier: GPL-3.0-or-later
// Stacking: a pipeline whose trainable node takes other trainable nodes' outputs (a fuser
// over per-modality models) trains in two levels. The upstream models are fitted on the
// training part and written where their `model` parameters say; the final node learns from
// out-of-fold predictions: the training part is cut into folds and each fold's inputs are
// computed with upstream models fitted on the other folds, so the fuser never learns from a
// model's predictions on the examples that model was fitted to.
#pragma once

#include <filesystem>
#include <vector>

#include "ml/model_training.hpp"

namespace timbre::host {

// The trainable nodes `final` depends on (empty: no stacking). Throws timbre::Error if one
// of them depends on a trainable node itself (one level of stacking) or names no model file.
std::vector<const GraphNode*> upstream_trainables(const Graph& graph, const GraphNode& final);

struct StackingPlan {
    unsigned folds = 5;
    unsigned seed = 42;
    bool by_group = false;
    std::filesystem::path scratch;  // a file stem for the per-fold models, removed afterwards
    ModelFiles destinations;        // where each upstream node's model goes (from upstream_models)
};

// Where `upstream`'s models are written: the files their `model` parameters name, or, with
// a `folder`, files of the same names in that folder (trial runs leave shipped models alone).
ModelFiles upstream_models(const std::vector<const GraphNode*>& upstream, const std::filesystem::path& folder);

// Fits every node in `upstream` on `train` (writing plan.destinations), and returns
// `final`'s out-of-fold inputs for the examples in `train`.
NodeInputs stacked_inputs(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                          const std::vector<std::size_t>& train, const GraphNode& final,
                          const std::vector<const GraphNode*>& upstream, const StackingPlan& plan);

}  // namespace timbre::host
