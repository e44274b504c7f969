// SPDX-License-Identifier: GPL-3.0-or-later
// Per-track execution: gather each node's inputs from earlier outputs, call process(), and
// check what came back against the descriptor (every declared output, of its type, with
// finite numbers) before anyone downstream reads it.
#include "graph/graph_instance.hpp"

#include <algorithm>

#include "graph/finite_outputs.hpp"
#include "graph/running_plugin.hpp"

namespace timbre::host {

namespace {
void check_outputs(const GraphNode& node, const Outputs& outputs) {
    const Descriptor& descriptor = node.plugin->entry.descriptor;
    for (const auto& spec : descriptor.outputs) {
        const auto it = outputs.values().find(spec.name);
        if (it == outputs.values().end() || !it->second) {
            throw NodeError(node.id, descriptor.id, "did not produce its declared output '" + spec.name + "'");
        }
        if (const PortType type = port_type_of(*it->second); type != spec.type) {
            throw NodeError(node.id, descriptor.id,
                            "output '" + spec.name + "' is declared " + std::string(to_string(spec.type)) +
                                " but the plugin produced " + std::string(to_string(type)));
        }
        if (const auto where = first_non_finite(*it->second, spec.nan_is_unknown)) {
            throw NodeError(node.id, descriptor.id, "output '" + spec.name + "' holds " + *where);
        }
    }
    for (const auto& [name, value] : outputs.values()) {
        if (!descriptor.output(name)) {
            throw NodeError(node.id, descriptor.id, "produced undeclared output '" + name + "'");
        }
    }
}
// The values a track enters a graph with, keyed "track.audio", "track.lyrics" and, when
// given, "track.source".
std::map<std::string, SharedValue> track_values(Audio audio, Text lyrics, std::optional<MultichannelAudio> source) {
    std::map<std::string, SharedValue> values;
    values["track.audio"] = std::make_shared<const Value>(std::move(audio));
    values["track.lyrics"] = std::make_shared<const Value>(std::move(lyrics));
    if (source) {
        values["track.source"] = std::make_shared<const Value>(std::move(*source));
    }
    return values;
}

// The nodes of a graph instance with their plugins, as the source fan-out reads them.
std::vector<NodePlugin> node_plugins(const std::vector<std::pair<const GraphNode*, PluginInstance>>& instances) {
    std::vector<NodePlugin> nodes;
    for (const auto& [node, instance] : instances) {
        nodes.push_back({node, &*instance});
    }
    return nodes;
}
}  // namespace

NodeError::NodeError(const std::string& node, const std::string& plugin_id, const std::string& message)
    : Error("node '" + node + "' (plugin " + plugin_id + "): " + message), node_(node), plugin_id_(plugin_id) {}

Params with_model(const Params& params, const std::filesystem::path& model) {
    std::map<std::string, ParamValue> values = params.values();
    values["model"] = model.string();
    return Params(values);
}

GraphInstance::GraphInstance(const Graph& graph, const PluginRegistry& registry, const std::string& stop_before,
                             const ModelFiles& models)
    : GraphInstance(graph, registry,
                    stop_before.empty() ? std::optional<std::set<std::string>>{} : ancestors_of(graph, stop_before),
                    models) {}

GraphInstance::GraphInstance(const Graph& graph, const PluginRegistry& registry,
                             const std::optional<std::set<std::string>>& only, const ModelFiles& models)
    : graph_(graph) {
    for (const auto& node : graph.nodes()) {
        if (only && only->count(node.id) == 0) {
            continue;
        }
        const std::string& id = node.plugin->entry.descriptor.id;
        try {
            PluginInstance instance = registry.instantiate(*node.plugin);
            RunningPlugin running(id);
            const auto model = models.find(node.id);
            instance->configure(model == models.end() ? node.params : with_model(node.params, model->second));
            instances_.emplace_back(&node, std::move(instance));
        } catch (const std::exception& error) {
            throw NodeError(node.id, id, std::string("configure failed: ") + error.what());
        }
    }
    source_ = SourceFanOut(graph, node_plugins(instances_));
}

std::string source_node(const std::string& source) { return source.substr(0, source.find('.')); }

bool runs_without(const GraphNode& node, const std::string& port) {
    const PortSpec* spec = node.plugin->entry.descriptor.input(port);
    return spec && spec->optional && spec->absent_if_skipped;
}

Inputs gather_inputs(const GraphNode& node, const std::map<std::string, SharedValue>& values) {
    std::map<std::string, SharedValue> inputs;
    for (const auto& [port, source] : node.inputs) {
        const auto it = values.find(source);
        if (it == values.end() && runs_without(node, port)) {
            continue;  // wired to a node that was skipped: as if unwired
        }
        if (it == values.end()) {
            throw NodeError(node.id, node.plugin->entry.descriptor.id,
                            "its input '" + port + "' reads " + source + ", which this kind of run does not provide");
        }
        inputs[port] = it->second;
    }
    return Inputs(std::move(inputs));
}

DecodedAudio GraphInstance::decode(const std::filesystem::path& file) {
    return decode_audio(file, graph_.sample_rate_hz(), graph_.window(), graph_.resample_quality(), source_receiver());
}

TrackOutputs GraphInstance::run(Audio audio, Text lyrics) {
    TrackOutputs outputs;
    const auto values = evaluate_track(std::move(audio), std::move(lyrics), &outputs.skipped);
    for (const auto& output : graph_.stored_outputs()) {
        if (const auto it = values.find(output.key()); it != values.end()) {
            outputs.stored[output.key()] = it->second;
        }
    }
    return outputs;
}

std::map<std::string, SharedValue> GraphInstance::evaluate_track(Audio audio, Text lyrics, SkippedNodes* skipped) {
    std::optional<MultichannelAudio> whole_source = source_.take_whole();
    struct TrackEnd {
        SourceFanOut& source;
        ~TrackEnd() { source.end_track(); }
    } track_end{source_};
    return evaluate(track_values(std::move(audio), std::move(lyrics), std::move(whole_source)), skipped);
}

std::map<std::string, SharedValue> GraphInstance::evaluate(std::map<std::string, SharedValue> values,
                                                           SkippedNodes* skipped) {
    SkippedNodes skipped_here;
    for (auto& [node_pointer, instance] : instances_) {
        const GraphNode& node = *node_pointer;
        // A skipped node skips the nodes that read it, but for those that say they can do
        // without it (PortSpec::absent_if_skipped).
        const auto blocked = std::find_if(node.inputs.begin(), node.inputs.end(), [&](const auto& input) {
            return skipped_here.count(source_node(input.second)) != 0 && !runs_without(node, input.first);
        });
        if (blocked != node.inputs.end()) {
            skipped_here[node.id] = "reads " + blocked->second + " of a skipped node";
            continue;
        }
        if (node_started_) {
            node_started_(node);
        }
        try {
            const std::string& id = node.plugin->entry.descriptor.id;
            const bool streamed = source_.streams(node);
            const Inputs inputs = streamed ? Inputs() : gather_inputs(node, values);
            Outputs outputs;
            try {
                RunningPlugin running(id);
                outputs = streamed ? source_.finish(node) : instance->process(inputs);
            } catch (const std::exception& error) {
                throw NodeError(node.id, id, error.what());
            } catch (...) {
                throw NodeError(node.id, id, "threw a non-standard exception");
            }
            check_outputs(node, outputs);
            for (const auto& [port, value] : outputs.values()) {
                values[node.id + "." + port] = value;
            }
        } catch (const NodeError& error) {
            if (!node.optional) {
                throw;
            }
            skipped_here[node.id] = error.what();
        }
    }
    if (skipped) {
        *skipped = std::move(skipped_here);
    }
    return values;
}

}  // namespace timbre::host
