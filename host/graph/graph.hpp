// SPDX-License-Identifier: GPL-3.0-or-later
// A validated pipeline: nodes in execution order, each bound to a loaded plugin with its
// full parameter set, every input wired to an output of matching type. A Graph can only be
// obtained through build_graph(), so holding one means the wiring has been checked.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "graph/pipeline_config.hpp"
#include "loader/plugin_registry.hpp"
#include "timbre/params.hpp"

namespace timbre::host {

struct OutputPort {
    std::string node;
    std::string port;
    PortType type = PortType::vector;
    std::string key() const { return node + "." + port; }
};

struct GraphNode {
    std::string id;
    const RegisteredPlugin* plugin = nullptr;
    Params params;
    std::vector<std::pair<std::string, std::string>> inputs;  // input port -> "node.port" key
    bool optional = false;  // failing on a track skips it and its dependents instead of failing the track
    bool frozen = false;    // a model used as it is (transfer): training never fits it, stacking reads it as it is
};

class Graph {
public:
    const std::vector<GraphNode>& nodes() const { return nodes_; }
    const std::vector<OutputPort>& stored_outputs() const { return stored_outputs_; }
    double sample_rate_hz() const { return sample_rate_hz_; }
    ResampleQuality resample_quality() const { return resample_quality_; }
    const DecodeWindow& window() const { return window_; }
    // Identifies what this pipeline computes (rate, window, plugins with versions, params,
    // wiring): two runs with the same fingerprint give the same results for the same file.
    const std::string& fingerprint() const { return fingerprint_; }
    const std::string& canonical_text() const { return canonical_text_; }

private:
    friend Graph build_graph(const PipelineConfig&, const PluginRegistry&, std::vector<Diagnostic>);
    std::vector<GraphNode> nodes_;
    std::vector<OutputPort> stored_outputs_;
    double sample_rate_hz_ = 0.0;
    ResampleQuality resample_quality_ = ResampleQuality::medium;
    DecodeWindow window_;
    std::string fingerprint_;
    std::string canonical_text_;
};

// Every problem that makes the config unusable with these plugins: unknown plugins,
// parameters and ports; values out of range; missing inputs; type mismatches; duplicate ids;
// cycles. Empty when the config is valid.
std::vector<Diagnostic> check_pipeline(const PipelineConfig& config, const PluginRegistry& registry);

// Throws ConfigError with every diagnostic of check_pipeline() if there is any, together with
// `earlier` ones (those of parsing the file), so a user sees every problem at once.
Graph build_graph(const PipelineConfig& config, const PluginRegistry& registry, std::vector<Diagnostic> earlier = {});

// The ids of the nodes `target` reads from, directly or not (not `target`, not the track).
std::set<std::string> ancestors_of(const Graph& graph, const std::string& target);

}  // namespace timbre::host
