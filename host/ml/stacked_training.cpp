// SPDX-License-Identifier: GPL-3.0-or-later
// Upstream inputs are computed once for the whole training part and reused by
// every fold; only the final node's inputs are recomputed per fold, with that fold's models.
#include "ml/stacked_training.hpp"

#include <spdlog/spdlog.h>

#include <map>

#include "ml/data_split.hpp"

namespace timbre::host {

namespace {
std::filesystem::path model_file_of(const GraphNode& node) {
    const std::string& file = node.params.string("model");
    if (file.empty()) {
        throw Error("node '" + node.id + "' feeds the trained node but names no model file: set its 'model' parameter");
    }
    return file;
}
}  // namespace

std::vector<const GraphNode*> upstream_trainables(const Graph& graph, const GraphNode& final) {
    const auto feeding_final = ancestors_of(graph, final.id);
    std::vector<const GraphNode*> upstream;
    for (const GraphNode* node : trainable_nodes(graph)) {
        if (feeding_final.count(node->id) == 0) {
            continue;
        }
        const auto feeding_node = ancestors_of(graph, node->id);
        for (const GraphNode* other : trainable_nodes(graph)) {
            if (feeding_node.count(other->id) != 0) {
                throw Error("node '" + node->id + "' feeds '" + final.id + "' and itself depends on trainable node '" +
                            other->id + "': only one level of stacking is supported");
            }
        }
        model_file_of(*node);
        upstream.push_back(node);
    }
    return upstream;
}

ModelFiles upstream_models(const std::vector<const GraphNode*>& upstream, const std::filesystem::path& folder) {
    ModelFiles files;
    for (const GraphNode* node : upstream) {
        const auto file = model_file_of(*node);
        files[node->id] = folder.empty() ? file : folder / file.filename();
    }
    return files;
}

NodeInputs stacked_inputs(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                          const std::vector<std::size_t>& train, const GraphNode& final,
                          const std::vector<const GraphNode*>& upstream, const StackingPlan& plan) {
    std::map<std::string, NodeInputs> upstream_inputs;
    for (const GraphNode* node : upstream) {
        upstream_inputs[node->id] = compute_node_inputs(graph, registry, dataset, train, *node);
    }
    const Dataset training_part = dataset_part(dataset, train);
    auto in_dataset = [&](const std::vector<std::size_t>& part) {
        std::vector<std::size_t> indices;
        for (std::size_t k : part) {
            indices.push_back(train[k]);
        }
        return indices;
    };

    NodeInputs inputs(dataset.examples.size());
    unsigned fold_number = 0;
    for (const Split& fold : k_fold_splits(training_part, plan.folds, plan.seed, plan.by_group)) {
        ++fold_number;
        ModelFiles fold_models;
        for (const GraphNode* node : upstream) {
            const auto file = plan.scratch.string() + "." + node->id + "-fold" + std::to_string(fold_number);
            train_node(*node, registry, dataset, upstream_inputs[node->id], in_dataset(fold.train), file);
            fold_models[node->id] = file;
        }
        const auto held = in_dataset(fold.test);
        NodeInputs fold_inputs = compute_node_inputs(graph, registry, dataset, held, final, fold_models);
        for (std::size_t i : held) {
            inputs[i] = std::move(fold_inputs[i]);
        }
        for (const auto& [id, file] : fold_models) {
            std::filesystem::remove(file);
        }
        spdlog::info("stacking: fold {}/{} predicted by models fitted on the other folds", fold_number, plan.folds);
    }
    for (const GraphNode* node : upstream) {
        const auto& destination = plan.destinations.at(node->id);
        train_node(*node, registry, dataset, upstream_inputs[node->id], train, destination);
        spdlog::info("node '{}' fitted on the training part: {}", node->id, destination.string());
    }
    return inputs;
}

}  // namespace timbre::host
