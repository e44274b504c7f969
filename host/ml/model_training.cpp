// Dataset rows enter the graph as track.features (a Vector named by the dataset's feature
// columns); the trainable node is instantiated separately so it can be configured with the
// model file being written or read.
#include "ml/model_training.hpp"

#include "graph/graph_instance.hpp"
#include "timbre/trainable.hpp"

namespace timbre::host {

namespace {

std::map<std::string, SharedValue> example_values(const Dataset& dataset, const Example& example) {
    return {{"track.features", std::make_shared<const Value>(Vector(dataset.feature_names, example.features))},
            {"track.lyrics", std::make_shared<const Value>(Text{})}};
}

Inputs node_inputs(const GraphNode& node, const std::map<std::string, SharedValue>& values) {
    std::map<std::string, SharedValue> inputs;
    for (const auto& [port, source] : node.inputs) {
        const auto it = values.find(source);
        if (it == values.end()) {
            throw NodeError(node.id, node.plugin->entry.descriptor.id,
                            "its input '" + port + "' reads " + source + ", which a CSV dataset does not provide");
        }
        inputs[port] = it->second;
    }
    return Inputs(std::move(inputs));
}

PluginInstance configured_with_model(const GraphNode& node, const PluginRegistry& registry,
                                     const std::filesystem::path& model_file) {
    std::map<std::string, ParamValue> values = node.params.values();
    values["model"] = model_file.string();
    PluginInstance instance = registry.instantiate(*node.plugin);
    try {
        instance->configure(Params(values));
    } catch (const std::exception& error) {
        throw NodeError(node.id, node.plugin->entry.descriptor.id, std::string("configure failed: ") + error.what());
    }
    return instance;
}

}  // namespace

const GraphNode& trainable_node(const Graph& graph) {
    for (auto it = graph.nodes().rbegin(); it != graph.nodes().rend(); ++it) {
        const Descriptor& descriptor = it->plugin->entry.descriptor;
        const ParamSpec* model = descriptor.param("model");
        if (descriptor.kind == Kind::classifier && model && model->type == ParamType::path) {
            return *it;
        }
    }
    throw Error("the pipeline has no trainable node: a classifier plugin with a 'model' path parameter");
}

void train_node(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                const std::vector<std::size_t>& indices, const std::filesystem::path& model_file) {
    const GraphNode& node = trainable_node(graph);
    GraphInstance upstream(graph, registry, node.id);
    std::vector<LabelledExample> examples;
    examples.reserve(indices.size());
    for (std::size_t i : indices) {
        const Example& example = dataset.examples[i];
        const auto values = upstream.evaluate(example_values(dataset, example));
        examples.push_back({node_inputs(node, values), example.label});
    }
    PluginInstance instance = configured_with_model(node, registry, "");
    auto* trainable = dynamic_cast<Trainable*>(&*instance);
    if (!trainable) {
        throw NodeError(node.id, node.plugin->entry.descriptor.id, "does not implement timbre::Trainable");
    }
    try {
        trainable->train(examples, model_file);
    } catch (const std::exception& error) {
        throw NodeError(node.id, node.plugin->entry.descriptor.id, std::string("training failed: ") + error.what());
    }
}

ClassificationReport evaluate_node(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                                   const std::vector<std::size_t>& indices, const std::filesystem::path& model_file) {
    const GraphNode& node = trainable_node(graph);
    const Descriptor& descriptor = node.plugin->entry.descriptor;
    const auto labels_output = std::find_if(descriptor.outputs.begin(), descriptor.outputs.end(),
                                            [](const PortSpec& port) { return port.type == PortType::labels; });
    if (labels_output == descriptor.outputs.end()) {
        throw NodeError(node.id, descriptor.id, "has no labels output to score");
    }
    GraphInstance upstream(graph, registry, node.id);
    PluginInstance model = configured_with_model(node, registry, model_file);
    std::vector<std::string> truth, predicted;
    for (std::size_t i : indices) {
        const Example& example = dataset.examples[i];
        const auto values = upstream.evaluate(example_values(dataset, example));
        const Outputs outputs = model->process(node_inputs(node, values));
        truth.push_back(example.label);
        predicted.push_back(std::get<Labels>(*outputs.values().at(labels_output->name)).top());
    }
    return score_predictions(truth, predicted);
}

}  // namespace timbre::host
