// SPDX-License-Identifier: GPL-3.0-or-later
// Validation and compilation of a pipeline config against the loaded plugins. Checks run
// in the order a reader fixes things (ids, plugins, parameters, wiring, cycles) and all of
// them run, so one `timbre validate` shows every problem at once.
#include "graph/graph.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "graph/closest_name.hpp"
#include "tracks/content_hash.hpp"

namespace timbre::host {

namespace {

std::string hint(const std::string& name, const std::vector<std::string>& candidates) {
    const auto suggestion = closest_name(name, candidates);
    return suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)";
}

template <typename Spec> std::vector<std::string> names_of(const std::vector<Spec>& specs) {
    std::vector<std::string> names;
    for (const auto& spec : specs) {
        names.push_back(spec.name);
    }
    return names;
}

std::string list_text(const std::vector<std::string>& names) {
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text.empty() ? "none" : text;
}

std::string describe(const NodeConfig& node) { return "node '" + node.id + "' (" + node.plugin + ")"; }

const std::vector<PortSpec>& track_outputs() {
    static const std::vector<PortSpec> outputs{
        {"audio", PortType::audio, "the track's audio, mono, at the pipeline's sample_rate"},
        {"lyrics", PortType::text, "lyrics embedded in the file's tags (empty if none)"},
        {"source", PortType::multichannel, "the track's channels at the source's rate, untouched"},
        {"features", PortType::vector, "a dataset row's feature columns (train/evaluate on a CSV dataset)"}};
    return outputs;
}

// What the checks share: the config, the registry, and where diagnostics go.
class Checker {
public:
    Checker(const PipelineConfig& config, const PluginRegistry& registry) : config_(config), registry_(registry) {}

    std::vector<Diagnostic> run() {
        check_ids();
        for (const auto& node : config_.nodes) {
            check_node(node);
        }
        check_cycles();
        check_outputs();
        check_similarity_weights();
        return std::move(diagnostics_);
    }

private:
    void error(SourcePosition at, const std::string& message) {
        diagnostics_.push_back({at.file.empty() ? config_.file : at.file, at, message});
    }

    void check_ids() {
        static const std::regex id_pattern(R"([A-Za-z_][A-Za-z0-9_\-]*)");
        for (const auto& node : config_.nodes) {
            if (node.id.empty()) {
                continue;
            }
            if (node.id == kTrackNode) {
                error(node.id_position,
                      "node id 'track' is reserved for the analysed track (track.audio, track.lyrics, track.source)");
            } else if (!std::regex_match(node.id, id_pattern)) {
                error(node.id_position, "node id '" + node.id + "' must be letters, digits, '_' or '-'");
            } else if (const auto [it, inserted] = nodes_.emplace(node.id, &node); !inserted) {
                error(node.id_position, "duplicate node id '" + node.id + "' (first defined at line " +
                                            std::to_string(it->second->id_position.line) + ")");
            }
        }
    }

    const Descriptor* descriptor_of(const NodeConfig& node) const {
        const auto* plugin = registry_.find(node.plugin);
        return plugin ? &plugin->entry.descriptor : nullptr;
    }

    void check_node(const NodeConfig& node) {
        if (node.plugin.empty()) {
            return;
        }
        const Descriptor* descriptor = descriptor_of(node);
        if (!descriptor) {
            std::vector<std::string> ids;
            for (const auto& plugin : registry_.plugins()) {
                ids.push_back(plugin->entry.descriptor.id);
            }
            error(node.plugin_position, "unknown plugin '" + node.plugin + "'" + hint(node.plugin, ids) +
                                            "; `timbre plugins` lists the installed ones");
            return;
        }
        for (const auto& [name, setting] : node.params) {
            const ParamSpec* spec = descriptor->param(name);
            if (!spec) {
                error(setting.name_position, "unknown parameter '" + name + "' for " + describe(node) +
                                            hint(name, names_of(descriptor->params)) +
                                            "; known: " + list_text(names_of(descriptor->params)));
            } else if (const auto problem = spec->check(setting.value); !problem.empty()) {
                error(setting.position, "parameter '" + name + "' of " + describe(node) + " " + problem);
            }
        }
        for (const auto& input : descriptor->inputs) {
            if (!input.optional && !node.inputs.count(input.name) && !node.input_key_positions.count(input.name)) {
                error(node.position, describe(node) + " is missing input '" + input.name + "' (" +
                                         std::string(to_string(input.type)) + ")");
            }
        }
        if (node.frozen && !learns(descriptor->kind)) {
            error(node.frozen_position, "'frozen' keeps a trained model as it is, but " + describe(node) + " is of kind " +
                                            std::string(to_string(descriptor->kind)) +
                                            " and learns nothing: remove it");
        }
        const bool every_input_optional = std::all_of(descriptor->inputs.begin(), descriptor->inputs.end(),
                                                      [](const PortSpec& input) { return input.optional; });
        if (!descriptor->inputs.empty() && every_input_optional && node.input_key_positions.empty()) {
            error(node.position, describe(node) + " has no input wired: it would fail on every track; its inputs, each "
                                 "optional but one needed: " + list_text(names_of(descriptor->inputs)));
        }
        for (const auto& [port, reference] : node.inputs) {
            const PortSpec* input = descriptor->input(port);
            if (!input) {
                error(node.input_key_positions.at(port), "unknown input '" + port + "' for " + describe(node) +
                                                             hint(port, names_of(descriptor->inputs)) +
                                                             "; inputs: " + list_text(names_of(descriptor->inputs)));
                continue;
            }
            if (const auto source = resolve(reference); source && source->type != input->type) {
                error(reference.position, "type mismatch: input '" + port + "' of " + describe(node) + " takes " +
                                              std::string(to_string(input->type)) + " but '" + reference.text() +
                                              "' is " + std::string(to_string(source->type)));
            }
        }
    }

    // The output a reference names, or nullopt after reporting why it names nothing.
    std::optional<PortSpec> resolve(const PortReference& reference) {
        const std::vector<PortSpec>* outputs = nullptr;
        std::string owner;
        if (reference.node == kTrackNode) {
            outputs = &track_outputs();
            owner = "the track";
        } else {
            const auto it = nodes_.find(reference.node);
            if (it == nodes_.end()) {
                std::vector<std::string> ids{kTrackNode};
                for (const auto& [id, node] : nodes_) {
                    ids.push_back(id);
                }
                error(reference.position, "'" + reference.text() + "' refers to unknown node '" + reference.node + "'" +
                                              hint(reference.node, ids));
                return std::nullopt;
            }
            const Descriptor* descriptor = descriptor_of(*it->second);
            if (!descriptor) {
                return std::nullopt;
            }
            outputs = &descriptor->outputs;
            owner = describe(*it->second);
        }
        for (const auto& output : *outputs) {
            if (output.name == reference.port) {
                return output;
            }
        }
        error(reference.position, owner + " has no output '" + reference.port + "'" +
                                      hint(reference.port, names_of(*outputs)) + "; outputs: " +
                                      list_text(names_of(*outputs)));
        return std::nullopt;
    }

    void check_cycles() {
        enum class Mark { unvisited, active, done };
        std::map<std::string, Mark> marks;
        std::vector<std::string> path;
        std::function<void(const NodeConfig&)> visit = [&](const NodeConfig& node) {
            marks[node.id] = Mark::active;
            path.push_back(node.id);
            for (const auto& [port, reference] : node.inputs) {
                const auto it = nodes_.find(reference.node);
                if (it == nodes_.end()) {
                    continue;
                }
                const Mark mark = marks[reference.node];
                if (mark == Mark::active) {
                    std::string cycle;
                    const auto start = std::find(path.begin(), path.end(), reference.node);
                    for (auto step = start; step != path.end(); ++step) {
                        cycle += *step + " -> ";
                    }
                    error(reference.position, "cycle: " + cycle + reference.node + " (a node cannot depend on itself)");
                } else if (mark == Mark::unvisited) {
                    visit(*it->second);
                }
            }
            path.pop_back();
            marks[node.id] = Mark::done;
        };
        for (const auto& [id, node] : nodes_) {
            if (marks[id] == Mark::unvisited) {
                visit(*node);
            }
        }
    }

    // Every node the `similarity` mix (or its fit) names is a similarity node of this pipeline.
    void check_similarity_weights() {
        for (const auto& [id, weight] : config_.similarity_weights) {
            check_similarity_node("'similarity' weighs", id, weight.second);
        }
        if (config_.similarity_fit) {
            for (const auto& [id, position] : config_.similarity_fit->metrics) {
                check_similarity_node("'fit_similarity' weighs", id, position);
            }
        }
    }

    void check_similarity_node(const std::string& who, const std::string& id, const SourcePosition& position) {
        const auto node = nodes_.find(id);
        const RegisteredPlugin* plugin = node == nodes_.end() ? nullptr : registry_.find(node->second->plugin);
        if (!plugin) {
            error(position, who + " node '" + id + "', which the pipeline does not have");
        } else if (plugin->entry.descriptor.kind != Kind::similarity) {
            error(position, who + " node '" + id + "', which is not a similarity metric (kind: " +
                                to_string(plugin->entry.descriptor.kind) + ")");
        }
    }

    void check_outputs() {
        if (config_.outputs) {
            for (const auto& reference : *config_.outputs) {
                resolve(reference);
            }
        }
    }

    const PipelineConfig& config_;
    const PluginRegistry& registry_;
    std::map<std::string, const NodeConfig*> nodes_;
    std::vector<Diagnostic> diagnostics_;
};

// A path parameter relative to the config's folder, made absolute.
std::string resolve_path(const std::string& value, const std::string& config_file) {
    if (value.empty()) {
        return value;
    }
    std::filesystem::path path(value);
    if (path.is_relative()) {
        path = std::filesystem::path(config_file).parent_path() / path;
    }
    return path.lexically_normal().string();
}

// The content hash of the file a path parameter names, so a retrained model changes the
// pipeline fingerprint; empty if no file is there (yet).
std::string path_content(const std::string& path) {
    std::error_code error;
    return !path.empty() && std::filesystem::is_regular_file(path, error) ? " #" + hash_file(path) : "";
}


bool stored_by_default(PortType type) {
    return type == PortType::scalar || type == PortType::vector || type == PortType::labels || type == PortType::text;
}

// Kahn's algorithm, taking ready nodes in config order so the order is stable.
std::vector<const NodeConfig*> execution_order(const PipelineConfig& config) {
    std::vector<const NodeConfig*> order;
    std::set<std::string> placed;
    while (order.size() < config.nodes.size()) {
        for (const auto& node : config.nodes) {
            if (placed.count(node.id)) {
                continue;
            }
            const bool ready = std::all_of(node.inputs.begin(), node.inputs.end(), [&](const auto& input) {
                return input.second.node == kTrackNode || placed.count(input.second.node);
            });
            if (ready) {
                order.push_back(&node);
                placed.insert(node.id);
            }
        }
    }
    return order;
}

}  // namespace

std::vector<Diagnostic> check_pipeline(const PipelineConfig& config, const PluginRegistry& registry) {
    return Checker(config, registry).run();
}

Graph build_graph(const PipelineConfig& config, const PluginRegistry& registry, std::vector<Diagnostic> earlier) {
    const auto problems = check_pipeline(config, registry);
    earlier.insert(earlier.end(), problems.begin(), problems.end());
    if (!earlier.empty()) {
        throw ConfigError(std::move(earlier));
    }
    Graph graph;
    graph.sample_rate_hz_ = config.sample_rate_hz;
    graph.resample_quality_ = config.resample_quality;
    graph.window_ = config.window;
    std::map<std::string, const Descriptor*> descriptors;
    const auto output_type = [&](const PortReference& reference) {
        const auto& outputs = reference.node == kTrackNode ? track_outputs() : descriptors.at(reference.node)->outputs;
        return std::find_if(outputs.begin(), outputs.end(), [&](const auto& o) { return o.name == reference.port; })->type;
    };
    std::ostringstream canonical;
    canonical << "sample_rate=" << config.sample_rate_hz << " offset=" << config.window.offset_seconds
              << " duration=" << config.window.duration_seconds.value_or(0.0)
              << " quality=" << static_cast<int>(config.resample_quality) << "\n";
    for (const NodeConfig* node : execution_order(config)) {
        const RegisteredPlugin* plugin = registry.find(node->plugin);
        const Descriptor& descriptor = plugin->entry.descriptor;
        std::map<std::string, ParamValue> values;
        for (const auto& spec : descriptor.params) {
            const auto it = node->params.find(spec.name);
            values[spec.name] = it == node->params.end() ? spec.default_value : it->second.value;
            const bool from_command_line = it != node->params.end() && it->second.position.line == 0;
            if (spec.type == ParamType::path && !from_command_line) {
                // Relative to the file the node was written in (an included config's own folder);
                // one given with --set, to the working directory, as any path on a command line.
                values[spec.name] = resolve_path(std::get<std::string>(values[spec.name]),
                                                 node->position.file.empty() ? config.file : node->position.file);
            }
        }
        descriptors[node->id] = &descriptor;
        GraphNode compiled{node->id, plugin, Params(values), {}, node->optional, node->frozen};
        canonical << node->id << "=" << descriptor.id << "@" << descriptor.version << (node->optional ? " optional" : "");
        for (const auto& [name, value] : values) {
            canonical << " " << name << "=" << to_string(value);
            if (descriptor.param(name)->type == ParamType::path) {
                canonical << path_content(std::get<std::string>(value));
            }
        }
        for (const auto& [port, reference] : node->inputs) {
            compiled.inputs.emplace_back(port, reference.text());
            canonical << " " << port << "<-" << reference.text();
        }
        canonical << "\n";
        if (!config.outputs) {
            for (const auto& output : descriptor.outputs) {
                if (stored_by_default(output.type)) {
                    graph.stored_outputs_.push_back({node->id, output.name, output.type});
                }
            }
        }
        graph.nodes_.push_back(std::move(compiled));
    }
    if (config.outputs) {
        for (const auto& reference : *config.outputs) {
            graph.stored_outputs_.push_back({reference.node, reference.port, output_type(reference)});
        }
    }
    for (const auto& output : graph.stored_outputs_) {
        canonical << "store " << output.key() << "\n";
    }
    graph.canonical_text_ = canonical.str();
    graph.fingerprint_ = hash_text(graph.canonical_text_);
    return graph;
}

std::set<std::string> ancestors_of(const Graph& graph, const std::string& target) {
    std::set<std::string> needed{target};  // nodes are in execution order: one backward pass
    for (auto node = graph.nodes().rbegin(); node != graph.nodes().rend(); ++node) {
        if (needed.count(node->id) != 0) {
            for (const auto& [port, source] : node->inputs) {
                needed.insert(source.substr(0, source.find('.')));
            }
        }
    }
    needed.erase(target);
    needed.erase("track");
    return needed;
}

}  // namespace timbre::host
