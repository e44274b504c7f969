// SPDX-License-Identifier: GPL-3.0-or-later
// The instance is configured once with the node's parameters, exactly as `analyze` configured
// the node that made the signatures, so both sides of a comparison agree.
#include "similarity/metric_node.hpp"

#include "graph/graph_instance.hpp"

namespace timbre::host {

std::vector<const GraphNode*> similarity_nodes(const Graph& graph) {
    std::vector<const GraphNode*> nodes;
    for (const auto& node : graph.nodes()) {
        if (node.plugin->entry.descriptor.kind == Kind::similarity) {
            nodes.push_back(&node);
        }
    }
    return nodes;
}

const GraphNode& similarity_node(const Graph& graph, const std::string& id) {
    const auto nodes = similarity_nodes(graph);
    std::string names;
    for (const GraphNode* node : nodes) {
        if (node->id == id || (id.empty() && nodes.size() == 1)) {
            return *node;
        }
        names += (names.empty() ? "" : ", ") + node->id;
    }
    if (nodes.empty()) {
        throw Error("the pipeline has no similarity node (a plugin of kind similarity, e.g. timbre.gaussian_similarity)");
    }
    throw Error((id.empty() ? std::string("the pipeline has several similarity nodes")
                            : "the pipeline has no similarity node '" + id + "'") +
                "; choose one with --metric: " + names);
}

MetricInstance::MetricInstance(const GraphNode& node, const PluginRegistry& registry)
    : node_(&node), instance_(registry.instantiate(*node.plugin)) {
    const std::string& plugin_id = node.plugin->entry.descriptor.id;
    try {
        instance_->configure(node.params);
    } catch (const std::exception& error) {
        throw NodeError(node.id, plugin_id, std::string("configure failed: ") + error.what());
    }
    metric_ = dynamic_cast<SimilarityMetric*>(&*instance_);
    if (!metric_) {
        throw NodeError(node.id, plugin_id, "is of kind similarity but does not implement timbre::SimilarityMetric");
    }
}

std::string MetricInstance::signature_key() const { return node_->id + "." + kSignaturePort; }

}  // namespace timbre::host
