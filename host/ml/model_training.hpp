// SPDX-License-Identifier: GPL-3.0-or-later
// What `timbre train` and `timbre evaluate` share: running a pipeline's graph on dataset
// examples up to its trainable node (the same graph code that `analyze` runs, so training
// and inference cannot drift apart), training that node's plugin, and scoring it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "graph/graph_instance.hpp"
#include "ml/classification_report.hpp"
#include "ml/regression_report.hpp"
#include "ml/tagging_report.hpp"
#include "ml/dataset.hpp"

namespace timbre::host {

// The classifier, regressor and tagger nodes with a `model` path parameter, in execution order,
// but for those marked `frozen` (used as they are).
std::vector<const GraphNode*> trainable_nodes(const Graph& graph);

// The last of them: the one `timbre train` fits; throws timbre::Error if there is none.
const GraphNode& trainable_node(const Graph& graph);

// Throws timbre::Error, before the dataset is even read, when `node` or a node it reads takes
// a track value this kind of dataset cannot give: track.features from a dataset of audio
// files, or track.audio / track.source from CSV rows without an audio column.
void check_dataset_feeds(const Graph& graph, const GraphNode& node, const DatasetSpec& spec);

// `node`'s inputs per example (indexed like dataset.examples), computed by the graph's
// upstream nodes on all cores, with `models` in place of the model files upstream trainable
// nodes name. Only `indices` are computed; an example that fails (an undecodable file) is
// logged by its origin and stays empty, as do the examples not asked for.
using NodeInputs = std::vector<std::optional<Inputs>>;
NodeInputs compute_node_inputs(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                               const std::vector<std::size_t>& indices, const GraphNode& node,
                               const ModelFiles& models = {});

// The values named in `wanted` ("node.port"), computed by those nodes and what they read from, for each example
// at `indices` (indexed like dataset.examples), on all cores; an example that fails is logged
// by its origin and stays empty, as do those not asked for.
using ExampleValues = std::vector<std::optional<std::map<std::string, SharedValue>>>;
ExampleValues compute_example_values(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                                     const std::vector<std::size_t>& indices, const std::set<std::string>& wanted);

// Trains `node` on the examples at `indices` (their labels, for a regressor their targets,
// for a tagger their tags) and writes the model file.
void train_node(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset, const NodeInputs& inputs,
                const std::vector<std::size_t>& indices, const std::filesystem::path& model_file);

// The predicted class recorded for an example the model could not classify.
inline constexpr const char* kNoPrediction = "(no prediction)";

// The classes of the examples at `indices`, in that order.
std::vector<std::string> labels_of(const Dataset& dataset, const std::vector<std::size_t>& indices);

// Each example at `indices` as its report names it: identity, origin and group.
std::vector<ExampleIdentity> identities_of(const Dataset& dataset, const std::vector<std::size_t>& indices);

// What a report's intervals resample for those examples: their groups, drawn whole (an
// ungrouped source gives each example a group of its own).
ResamplingUnits units_of(const std::vector<ExampleIdentity>& examples);

// The report of the class probabilities `answers` gave the examples at `indices` (in that
// order) against their classes, each answer named by its example (what lets `timbre
// compare-models` pair two reports' answers), the intervals resampling their groups. An
// example without probabilities (nullopt) is a miss, predicted kNoPrediction and counted in
// `failed`, since leaving out what a model or its inputs cannot handle flatters it.
ClassificationReport score_labels(const Dataset& dataset, const std::vector<std::size_t>& indices,
                                  const std::vector<std::optional<Labels>>& answers);

// Runs `node`, reading `model_file` ("" for none), on the examples at `indices`, on every core
// (one configured instance per worker): the class probabilities of its first labels output
// for each, in the order of `indices`, nullopt (logged by origin) where its inputs failed,
// the model rejected them or a probability is not finite.
std::vector<std::optional<Labels>> predict_labels(const GraphNode& node, const PluginRegistry& registry,
                                                  const Dataset& dataset, const NodeInputs& inputs,
                                                  const std::vector<std::size_t>& indices,
                                                  const std::filesystem::path& model_file);

// Runs `node`, reading `model_file`, on the examples at `indices` and scores the top label
// of its first labels output against their classes. Every example is scored: one whose
// inputs failed, that the model rejects or whose probabilities are not finite counts as a
// miss, predicted kNoPrediction, and is counted in the report's `failed`.
ClassificationReport evaluate_node(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                                   const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                                   const std::filesystem::path& model_file);

// Runs the pipeline up to `node` as configured (its models as its config names them) on the
// examples at `indices` and scores the top label of the node's first labels output: how an
// answer that no single model gives (timbre.consensus) is scored. Misses count as in evaluate_node.
ClassificationReport evaluate_labels_output(const GraphNode& node, const PluginRegistry& registry, const Graph& graph,
                                            const Dataset& dataset, const std::vector<std::size_t>& indices);

// Runs tagger `node`, reading `model_file`, on the examples at `indices` and scores the
// probabilities of its first vector output (one per tag) against their tags; an example
// whose inputs failed or that the model rejects names no tag and is counted in `failed`.
TaggingReport evaluate_tagger(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                              const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                              const std::filesystem::path& model_file);

// Runs regressor `node`, reading `model_file`, on the examples at `indices` and scores its
// scalar output against their targets; an example whose inputs failed, that the model
// rejects or whose prediction is not finite cannot be scored and is counted in `failed`.
RegressionReport evaluate_regressor(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                                    const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                                    const std::filesystem::path& model_file);

}  // namespace timbre::host
