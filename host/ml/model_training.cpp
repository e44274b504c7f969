// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset rows enter the graph as track.features (a Vector named by the dataset's feature
// columns) or, for audio datasets, as decoded audio exactly as in `analyze`; the trainable
// node is instantiated separately so it can be configured with the model file being written
// or read.
#include "ml/model_training.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <thread>
#include <type_traits>

#include "decode/audio_decoder.hpp"
#include "decode/tag_reader.hpp"
#include "executor/worker_pool.hpp"
#include "graph/graph_instance.hpp"
#include "ml/model_terms.hpp"
#include "timbre/trainable.hpp"

namespace timbre::host {

namespace {

// A mixture's recordings decoded, each cut to its first seconds and scaled by its gain, and
// summed (as long as the longest part).
Audio mixed_audio(const Example& example, GraphInstance& instance) {
    std::vector<float> sum;
    double rate = 0.0;
    for (const MixedPart& part : example.mix) {
        const Audio audio = instance.decode(part.audio).audio;
        rate = audio.sample_rate_hz();
        const auto length = std::min(audio.samples().size(), static_cast<std::size_t>(part.seconds * rate));
        sum.resize(std::max(sum.size(), length), 0.0F);
        for (std::size_t i = 0; i < length; ++i) {
            sum[i] += static_cast<float>(part.gain) * audio.samples()[i];
        }
    }
    return Audio(std::move(sum), rate);
}

// Every value `instance` computes for a dataset example: from its feature columns as
// track.features, from its decoded audio (and tags) as for `analyze`, or from its mixed
// recordings.
std::map<std::string, SharedValue> example_values(const Dataset& dataset, const Example& example,
                                                  GraphInstance& instance) {
    if (!example.mix.empty()) {
        return instance.evaluate_track(mixed_audio(example, instance), Text{});
    }
    if (example.audio.empty()) {
        return instance.evaluate(
            {{"track.features", std::make_shared<const Value>(Vector(dataset.feature_names, example.features))},
             {"track.lyrics", std::make_shared<const Value>(Text{example.text})}});
    }
    return instance.evaluate_track(instance.decode(example.audio).audio, Text{read_tags(example.audio).lyrics});
}

}  // namespace

void check_dataset_feeds(const Graph& graph, const GraphNode& node, const DatasetSpec& spec) {
    const bool audio = reads_audio(spec);
    // What example_values() gives each kind of example (a mixture has no one source file).
    const std::set<std::string> provided =
        spec.mixtures ? std::set<std::string>{"track.audio"}
        : audio       ? std::set<std::string>{"track.audio", "track.source", "track.lyrics"}
                      : std::set<std::string>{"track.features", "track.lyrics"};
    std::set<std::string> readers = ancestors_of(graph, node.id);
    readers.insert(node.id);
    for (const GraphNode& reader : graph.nodes()) {
        if (!readers.contains(reader.id)) {
            continue;
        }
        for (const auto& [port, source] : reader.inputs) {
            if (source.starts_with("track.") && !provided.contains(source)) {
                throw Error("node '" + reader.id + "' reads " + source + ", which " +
                            (spec.mixtures ? "a dataset of mixtures does not provide (a mixture is mono audio summed "
                                             "from several files: track.audio only)"
                             : audio ? "a dataset of audio files does not provide (this pipeline learns from a CSV of "
                                     "feature columns)"
                                   : "a dataset of CSV rows without an audio column does not provide (this pipeline "
                                     "learns from audio: a folder of sub-folders per label, or a CSV of paths)"));
            }
        }
    }
}

namespace {

// Runs the nodes `only` names of `graph` on the examples at `indices` on all cores and hands
// each example's computed values, or nullopt for one that failed (logged by its origin), to
// keep(index, values) on the calling thread.
template <typename Keep>
void run_on_examples(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                     const std::vector<std::size_t>& indices, const std::set<std::string>& only,
                     const ModelFiles& models, Keep keep) {
    using Values = std::map<std::string, SharedValue>;
    const unsigned workers = worker_count(std::thread::hardware_concurrency(), indices.size());
    std::vector<std::unique_ptr<GraphInstance>> instances;
    for (unsigned w = 0; w < workers; ++w) {
        instances.push_back(std::make_unique<GraphInstance>(graph, registry, only, models));
    }
    run_on_workers(
        indices.size(), workers,
        [&](unsigned worker, std::size_t k) -> std::pair<std::size_t, std::optional<Values>> {
            const Example& example = dataset.examples[indices[k]];
            try {
                return {indices[k], example_values(dataset, example, *instances[worker])};
            } catch (const std::exception& error) {
                spdlog::warn("example {} failed: {}", example.origin, error.what());
                return {indices[k], std::nullopt};
            }
        },
        [&](std::pair<std::size_t, std::optional<Values>> computed) { keep(computed.first, std::move(computed.second)); });
}

}  // namespace

NodeInputs compute_node_inputs(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                               const std::vector<std::size_t>& indices, const GraphNode& node, const ModelFiles& models) {
    NodeInputs inputs(dataset.examples.size());
    run_on_examples(graph, registry, dataset, indices, ancestors_of(graph, node.id), models,
                    [&](std::size_t i, std::optional<std::map<std::string, SharedValue>> values) {
                        if (!values) {
                            return;
                        }
                        try {
                            inputs[i] = gather_inputs(node, *values);
                        } catch (const std::exception& error) {
                            spdlog::warn("example {} failed: {}", dataset.examples[i].origin, error.what());
                        }
                    });
    return inputs;
}

ExampleValues compute_example_values(const Graph& graph, const PluginRegistry& registry, const Dataset& dataset,
                                     const std::vector<std::size_t>& indices, const std::set<std::string>& wanted) {
    std::set<std::string> nodes;
    for (const auto& key : wanted) {
        const std::string node = key.substr(0, key.find('.'));
        nodes.insert(node);
        nodes.merge(ancestors_of(graph, node));
    }
    ExampleValues kept(dataset.examples.size());
    run_on_examples(graph, registry, dataset, indices, nodes, {},
                    [&](std::size_t i, std::optional<std::map<std::string, SharedValue>> values) {
                        if (!values) {
                            return;
                        }
                        std::map<std::string, SharedValue> chosen;
                        for (const auto& key : wanted) {
                            if (const auto it = values->find(key); it != values->end()) {
                                chosen.insert(*it);
                            }
                        }
                        kept[i] = std::move(chosen);
                    });
    return kept;
}

namespace {

PluginInstance configured_with_model(const GraphNode& node, const PluginRegistry& registry,
                                     const std::filesystem::path& model_file) {
    PluginInstance instance = registry.instantiate(*node.plugin);
    try {
        instance->configure(with_model(node.params, model_file));
    } catch (const std::exception& error) {
        throw NodeError(node.id, node.plugin->entry.descriptor.id, std::string("configure failed: ") + error.what());
    }
    return instance;
}

// The name of `node`'s first output of `type`: what evaluation scores.
const std::string& scored_output(const GraphNode& node, PortType type) {
    const Descriptor& descriptor = node.plugin->entry.descriptor;
    const auto output = std::find_if(descriptor.outputs.begin(), descriptor.outputs.end(),
                                     [type](const PortSpec& port) { return port.type == type; });
    if (output == descriptor.outputs.end()) {
        throw NodeError(node.id, descriptor.id, "has no " + std::string(to_string(type)) + " output to score");
    }
    return output->name;
}

// read(outputs) of `node`, reading `model_file`, for each example at `indices` (in that
// order), run on every core with one configured instance per worker as `analyze` runs it:
// nullopt, logged by origin, where the example's inputs failed or the model or read() threw.
template <typename Read>
auto predict_each(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                  const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                  const std::filesystem::path& model_file, Read read) {
    using Prediction = std::optional<std::invoke_result_t<Read, const Outputs&>>;
    const unsigned workers = worker_count(std::thread::hardware_concurrency(), indices.size());
    std::vector<PluginInstance> models;
    for (unsigned w = 0; w < workers; ++w) {
        models.push_back(configured_with_model(node, registry, model_file));
    }
    std::vector<Prediction> predictions(indices.size());
    run_on_workers(
        indices.size(), workers,
        [&](unsigned worker, std::size_t k) -> std::pair<std::size_t, Prediction> {
            const std::size_t i = indices[k];
            if (!inputs[i]) {
                return {k, std::nullopt};
            }
            try {
                return {k, read(models[worker]->process(*inputs[i]))};
            } catch (const std::exception& error) {
                spdlog::warn("example {} has no prediction: {}", dataset.examples[i].origin, error.what());
                return {k, std::nullopt};
            }
        },
        [&](std::pair<std::size_t, Prediction> predicted) { predictions[predicted.first] = std::move(predicted.second); });
    return predictions;
}

}  // namespace

std::vector<const GraphNode*> trainable_nodes(const Graph& graph) {
    std::vector<const GraphNode*> nodes;
    for (const auto& node : graph.nodes()) {
        const Descriptor& descriptor = node.plugin->entry.descriptor;
        if (learns(descriptor.kind) && takes_model_file(descriptor) && !node.frozen) {
            nodes.push_back(&node);
        }
    }
    return nodes;
}

const GraphNode& trainable_node(const Graph& graph) {
    const auto nodes = trainable_nodes(graph);
    if (nodes.empty()) {
        throw Error("the pipeline has no trainable node: a classifier, regressor or tagger plugin with a 'model' path "
                    "parameter and without 'frozen: true'");
    }
    return *nodes.back();
}

void train_node(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset, const NodeInputs& inputs,
                const std::vector<std::size_t>& indices, const std::filesystem::path& model_file) {
    PluginInstance instance = configured_with_model(node, registry, "");
    if (model_file.has_parent_path()) {
        std::filesystem::create_directories(model_file.parent_path());
    }
    try {
        if (auto* regressor = dynamic_cast<TrainableRegressor*>(&*instance)) {
            std::vector<TargetExample> examples;
            for (std::size_t i : indices) {
                if (inputs[i]) {
                    examples.push_back({*inputs[i], dataset.examples[i].target});
                }
            }
            regressor->train(examples, model_file);
        } else if (auto* classifier = dynamic_cast<Trainable*>(&*instance)) {
            std::vector<LabelledExample> examples;
            for (std::size_t i : indices) {
                if (inputs[i]) {
                    examples.push_back({*inputs[i], dataset.examples[i].label});
                }
            }
            classifier->train(examples, model_file);
        } else if (auto* tagger = dynamic_cast<TrainableTagger*>(&*instance)) {
            std::vector<TaggedExample> examples;
            for (std::size_t i : indices) {
                if (inputs[i]) {
                    examples.push_back({*inputs[i], dataset.examples[i].tags});
                }
            }
            tagger->train(examples, model_file);
        } else {
            throw NodeError(node.id, node.plugin->entry.descriptor.id,
                            "does not implement timbre::Trainable, timbre::TrainableRegressor or timbre::TrainableTagger");
        }
    } catch (const NodeError&) {
        throw;
    } catch (const std::exception& error) {
        throw NodeError(node.id, node.plugin->entry.descriptor.id, std::string("training failed: ") + error.what());
    }
}

std::vector<std::string> labels_of(const Dataset& dataset, const std::vector<std::size_t>& indices) {
    std::vector<std::string> labels;
    for (std::size_t i : indices) {
        labels.push_back(dataset.examples[i].label);
    }
    return labels;
}

std::vector<ExampleIdentity> identities_of(const Dataset& dataset, const std::vector<std::size_t>& indices) {
    std::vector<ExampleIdentity> identities;
    for (std::size_t i : indices) {
        const Example& example = dataset.examples[i];
        identities.push_back({example.key, example.origin, example.group});
    }
    return identities;
}

ResamplingUnits units_of(const std::vector<ExampleIdentity>& examples) {
    std::vector<std::string> groups;
    for (const auto& example : examples) {
        groups.push_back(example.group);
    }
    return ResamplingUnits::by_group(groups);
}

ClassificationReport score_labels(const Dataset& dataset, const std::vector<std::size_t>& indices,
                                  const std::vector<std::optional<Labels>>& answers) {
    const std::vector<std::string> truth = labels_of(dataset, indices);
    const std::vector<ExampleIdentity> identities = identities_of(dataset, indices);
    std::vector<std::string> predicted;
    std::vector<double> confidence;  // of the examples with a prediction
    std::vector<bool> correct;
    std::size_t failed = 0;
    for (std::size_t k = 0; k < truth.size(); ++k) {
        if (!answers[k]) {
            ++failed;
            predicted.push_back(kNoPrediction);
            continue;
        }
        double top = 0.0;  // the probability given to labels.top()
        for (const auto& [label, probability] : answers[k]->probabilities()) {
            top = std::max(top, probability);
        }
        predicted.push_back(answers[k]->top());
        confidence.push_back(std::min(1.0, top));  // Labels allow sums up to 1 + 1e-3
        correct.push_back(predicted.back() == truth[k]);
    }
    ClassificationReport report = score_predictions(truth, predicted, units_of(identities));
    for (std::size_t k = 0; k < identities.size(); ++k) {
        report.answers[k].example = identities[k];
    }
    report.failed = failed;
    if (!confidence.empty()) {
        report.calibration = measure_calibration(confidence, correct);
    }
    return report;
}

std::vector<std::optional<Labels>> predict_labels(const GraphNode& node, const PluginRegistry& registry,
                                                  const Dataset& dataset, const NodeInputs& inputs,
                                                  const std::vector<std::size_t>& indices,
                                                  const std::filesystem::path& model_file) {
    const std::string& labels_output = scored_output(node, PortType::labels);
    return predict_each(node, registry, dataset, inputs, indices, model_file, [&](const Outputs& outputs) {
        const Labels& labels = std::get<Labels>(*outputs.values().at(labels_output));
        for (const auto& [label, probability] : labels.probabilities()) {
            if (!std::isfinite(probability)) {
                throw Error("probability of '" + label + "' is not a finite number");
            }
        }
        return labels;
    });
}

ClassificationReport evaluate_node(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                                   const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                                   const std::filesystem::path& model_file) {
    return score_labels(dataset, indices, predict_labels(node, registry, dataset, inputs, indices, model_file));
}

ClassificationReport evaluate_labels_output(const GraphNode& node, const PluginRegistry& registry, const Graph& graph,
                                            const Dataset& dataset, const std::vector<std::size_t>& indices) {
    const std::string output = node.id + "." + scored_output(node, PortType::labels);
    const ExampleValues values = compute_example_values(graph, registry, dataset, indices, {output});
    std::vector<std::optional<Labels>> answers;
    for (std::size_t i : indices) {
        answers.emplace_back();
        if (values[i]) {
            if (const auto it = values[i]->find(output); it != values[i]->end()) {
                answers.back() = std::get<Labels>(*it->second);
            }
        }
    }
    return score_labels(dataset, indices, answers);
}

TaggingReport evaluate_tagger(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                              const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                              const std::filesystem::path& model_file) {
    const std::string& presence_output = scored_output(node, PortType::vector);
    std::vector<std::vector<std::string>> truth;
    for (std::size_t i : indices) {
        truth.push_back(dataset.examples[i].tags);
    }
    const auto presence = predict_each(node, registry, dataset, inputs, indices, model_file, [&](const Outputs& outputs) {
        const Vector& vector = std::get<Vector>(*outputs.values().at(presence_output));
        std::map<std::string, double> probabilities;
        for (std::size_t t = 0; t < vector.size(); ++t) {
            if (!(vector.values()[t] >= 0.0 && vector.values()[t] <= 1.0)) {
                throw Error("the presence of '" + vector.names()[t] + "' is not a probability");
            }
            probabilities[vector.names()[t]] = vector.values()[t];
        }
        return probabilities;
    });
    TaggingReport report = score_tags(truth, presence);
    const std::vector<ExampleIdentity> identities = identities_of(dataset, indices);
    for (std::size_t k = 0; k < indices.size(); ++k) {
        report.answers[k].example = identities[k];
    }
    return report;
}

RegressionReport evaluate_regressor(const GraphNode& node, const PluginRegistry& registry, const Dataset& dataset,
                                    const NodeInputs& inputs, const std::vector<std::size_t>& indices,
                                    const std::filesystem::path& model_file) {
    const std::string& value_output = scored_output(node, PortType::scalar);
    const auto predictions = predict_each(node, registry, dataset, inputs, indices, model_file, [&](const Outputs& outputs) {
        const double value = std::get<Scalar>(*outputs.values().at(value_output)).value;
        if (!std::isfinite(value)) {
            throw Error("the prediction is not a finite number");
        }
        return value;
    });
    std::vector<double> truth, predicted;
    std::vector<std::size_t> scored;
    for (std::size_t k = 0; k < indices.size(); ++k) {
        if (predictions[k]) {
            predicted.push_back(*predictions[k]);
            truth.push_back(dataset.examples[indices[k]].target);
            scored.push_back(indices[k]);
        }
    }
    const std::vector<ExampleIdentity> identities = identities_of(dataset, scored);
    RegressionReport report = score_regression(truth, predicted, indices.size() - truth.size(), units_of(identities));
    for (std::size_t k = 0; k < identities.size(); ++k) {
        report.answers[k].example = identities[k];
    }
    return report;
}

}  // namespace timbre::host
