// SPDX-License-Identifier: GPL-3.0-or-later
// A pipeline's similarity nodes, and one configured instance of such a node's plugin seen
// through its SimilarityMetric face: what the host compares signatures with.
#pragma once

#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "loader/plugin_registry.hpp"
#include "timbre/similarity.hpp"

namespace timbre::host {

// The nodes whose plugin is of kind `similarity`, in execution order.
std::vector<const GraphNode*> similarity_nodes(const Graph& graph);

// The similarity node named `id`, or the pipeline's only one when `id` is empty. Throws
// timbre::Error listing the similarity nodes there are when that is not one node.
const GraphNode& similarity_node(const Graph& graph, const std::string& id);

class MetricInstance {
public:
    // Instantiates and configures `node`'s plugin; throws NodeError if it rejects its
    // parameters or does not implement timbre::SimilarityMetric.
    MetricInstance(const GraphNode& node, const PluginRegistry& registry);
    SimilarityMetric& metric() { return *metric_; }
    const GraphNode& node() const { return *node_; }
    // "node.signature": where the node's signatures are stored.
    std::string signature_key() const;

private:
    const GraphNode* node_;
    PluginInstance instance_;
    SimilarityMetric* metric_;
};

}  // namespace timbre::host
