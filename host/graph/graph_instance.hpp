// SPDX-License-Identifier: GPL-3.0-or-later
// One worker's private copy of a Graph: a configured plugin instance per node. Running it
// feeds one track through every node in order and returns the outputs the pipeline stores.
// Construct and destroy on the main thread; run() from a single worker thread.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "graph/source_fan_out.hpp"

namespace timbre::host {

// A node that failed on a track: which node, which plugin, and what it said.
class NodeError : public Error {
public:
    NodeError(const std::string& node, const std::string& plugin_id, const std::string& message);
    const std::string& node() const { return node_; }
    const std::string& plugin_id() const { return plugin_id_; }

private:
    std::string node_;
    std::string plugin_id_;
};

// Model files to use instead of what nodes' `model` parameters name, by node id: training
// runs a graph with models it has just fitted on part of the data.
using ModelFiles = std::map<std::string, std::filesystem::path>;

// `params` with its `model` parameter set to `model`.
Params with_model(const Params& params, const std::filesystem::path& model);

// Why optional nodes (and the nodes reading them) were skipped on a track: node id -> reason.
using SkippedNodes = std::map<std::string, std::string>;

// What a track's run stored: the pipeline's outputs that were computed, and what was skipped.
struct TrackOutputs {
    std::map<std::string, SharedValue> stored;
    SkippedNodes skipped;
};

class GraphInstance {
public:
    // Instantiates and configures every node (or only those that node `stop_before` reads
    // from, directly or not); a plugin that rejects its parameters throws NodeError naming it.
    GraphInstance(const Graph& graph, const PluginRegistry& registry, const std::string& stop_before = "",
                  const ModelFiles& models = {});
    // The same with the nodes to instantiate named (every node when nullopt); they must be
    // closed under their inputs (ancestors_of gives such a set).
    GraphInstance(const Graph& graph, const PluginRegistry& registry, const std::optional<std::set<std::string>>& only,
                  const ModelFiles& models = {});

    // Decodes `file` as the graph asks (rate, window, resampling), handing its original
    // channels to the nodes that stream them as it decodes; run() then analyses its audio.
    DecodedAudio decode(const std::filesystem::path& file);

    // Where the decoder hands a track's original channels, before run() (nullptr when no
    // node reads track.source): nodes that stream them measure as the track decodes.
    SourceReceiver* source_receiver() { return source_.needed() ? &source_ : nullptr; }

    // Runs the graph on one track; returns the stored outputs keyed "node.port" (those of
    // skipped nodes are absent). Throws NodeError if a plugin that is not optional throws or
    // returns outputs that break its descriptor. The track was decoded into
    // source_receiver(), when there is one.
    TrackOutputs run(Audio audio, Text lyrics);

    // The same, returning every value computed, keyed "node.port", and recording skipped
    // nodes in `skipped`: training computes a model's inputs from audio exactly as analysis does.
    std::map<std::string, SharedValue> evaluate_track(Audio audio, Text lyrics, SkippedNodes* skipped = nullptr);

    // Runs the instantiated nodes in order on `values` (the track's outputs, keyed
    // "track.audio", ...); returns every value computed, keyed "node.port", and records in
    // `skipped` the optional nodes that failed and every node reading them. Training uses it
    // on examples given as feature columns.
    std::map<std::string, SharedValue> evaluate(std::map<std::string, SharedValue> values,
                                                SkippedNodes* skipped = nullptr);

    // Called with each node just before it runs: an isolated worker tells its parent, so a
    // track stopped for taking too long names the node that was running.
    void on_node_start(std::function<void(const GraphNode&)> listener) { node_started_ = std::move(listener); }
    // Called with each node that streams track.source as the decoder hands it a block, and
    // with nullptr when the call returns (SourceFanOut::on_feed).
    void on_stream_call(std::function<void(const GraphNode*)> listener) { source_.on_feed(std::move(listener)); }
    // Whether any node streams track.source, so that on_stream_call will ever be called.
    bool has_streaming_nodes() const { return source_.has_streamed_nodes(); }
    const Graph& graph() const { return graph_; }

private:
    const Graph& graph_;
    std::vector<std::pair<const GraphNode*, PluginInstance>> instances_;
    SourceFanOut source_;
    std::function<void(const GraphNode&)> node_started_;
};

// The inputs of `node`, gathered from computed values by its wiring; a port that is
// absent_if_skipped and whose source was skipped is left empty, as if unwired. Throws
// NodeError naming any other input whose source this kind of run does not provide.
Inputs gather_inputs(const GraphNode& node, const std::map<std::string, SharedValue>& values);

}  // namespace timbre::host
