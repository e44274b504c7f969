// What `timbre train` and `timbre evaluate` share: running a pipeline's graph on dataset
// examples up to its trainable node (the same graph code that `analyze` runs, so training
// and inference cannot drift apart), training that node's plugin, and scoring it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "ml/classification_report.hpp"
#include "ml/dataset.hpp"

namespace timbre::host {

// The last node whose plugin is Trainable; throws ConfigError-style timbre::Error if none.
const GraphNode& trainable_node(const Graph& graph);

// Trains the trainable node on dataset.examples[indices] and writes the model file.
void train_node(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                const std::vector<std::size_t>& indices, const std::filesystem::path& model_file);

// Runs the whole graph, with the trainable node reading `model_file`, on the examples and
// scores the top label of its first labels output against their classes.
ClassificationReport evaluate_node(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                                   const std::vector<std::size_t>& indices, const std::filesystem::path& model_file);

}  // namespace timbre::host
