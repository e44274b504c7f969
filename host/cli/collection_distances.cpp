// SPDX-License-Identifier: GPL-3.0-or-later
// Only tracks with every signature take part, so that all metrics (and a mix of them) are
// compared on the same tracks.
#include "cli/collection_distances.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <thread>

#include "ml/model_training.hpp"
#include "ml/training_fingerprint.hpp"
#include "similarity/metric_node.hpp"

namespace timbre::host {

namespace {

// The examples no trained model upstream of `metrics` learned from (a learned embedding is
// scored on tracks it never saw, as `evaluate` scores a classifier), judged by the
// `.trained-on` fingerprint beside each model; says how many were left out and why.
std::vector<std::size_t> unseen_by_upstream_models(const Graph& graph, const std::vector<const GraphNode*>& metrics,
                                                   const Dataset& dataset, const std::string& name) {
    std::set<std::string> upstream;
    for (const GraphNode* metric : metrics) {
        upstream.merge(ancestors_of(graph, metric->id));
    }
    std::vector<std::pair<std::string, TrainingFingerprint>> models;
    for (const auto& node : graph.nodes()) {
        const ParamSpec* model = node.plugin->entry.descriptor.param("model");
        if (upstream.contains(node.id) && model && model->type == ParamType::path && !node.params.string("model").empty()) {
            if (auto fingerprint = TrainingFingerprint::read_beside(node.params.string("model"))) {
                models.emplace_back(node.params.string("model"), std::move(*fingerprint));
            }
        }
    }
    std::vector<std::size_t> unseen;
    for (std::size_t i = 0; i < dataset.examples.size(); ++i) {
        const bool seen = std::any_of(models.begin(), models.end(),
                                      [&](const auto& model) { return model.second.contains(dataset.examples[i]); });
        if (!seen) {
            unseen.push_back(i);
        }
    }
    if (unseen.size() < dataset.examples.size()) {
        std::string named;
        for (const auto& [file, fingerprint] : models) {
            named += (named.empty() ? "" : ", ") + std::filesystem::path(file).filename().string();
        }
        spdlog::info("{}: {} of {} examples left out: models the metrics read ({}) were trained on them", name,
                     dataset.examples.size() - unseen.size(), dataset.examples.size(), named);
    }
    if (unseen.size() < 2) {
        throw Error(name + ": every example of this dataset trained a model the metrics read: score them on "
                    "another collection");
    }
    return unseen;
}

}  // namespace

CollectionDistances collection_distances(const LoadedPipeline& pipeline, const DatasetSpec& spec,
                                         const std::vector<const GraphNode*>& metrics) {
    const Graph& graph = *pipeline.graph;
    CollectionDistances collection;
    collection.name = dataset_location(spec);
    const Dataset dataset = load_dataset(spec);
    const std::vector<std::size_t> scored = unseen_by_upstream_models(graph, metrics, dataset, collection.name);
    std::set<std::string> wanted;
    for (const GraphNode* node : metrics) {
        wanted.insert(node->id + "." + kSignaturePort);
    }
    spdlog::info("dataset {}: {} examples; computing {} signature(s)", collection.name, dataset.examples.size(),
                 wanted.size());
    const ExampleValues values = compute_example_values(graph, *pipeline.registry, dataset, scored, wanted);
    std::vector<std::size_t> complete;
    for (std::size_t i = 0; i < dataset.examples.size(); ++i) {
        if (values[i] && values[i]->size() == wanted.size()) {
            complete.push_back(i);
            collection.labels.push_back(dataset.examples[i].label);
            collection.groups.push_back(dataset.examples[i].group);
        }
    }
    if (!is_grouped(spec)) {
        collection.groups.clear();
    }
    collection.scored = scored.size();
    collection.failed = scored.size() - complete.size();
    if (complete.size() < 2) {
        throw Error(collection.name + ": fewer than two examples have every signature; nothing to compare");
    }
    for (const GraphNode* node : metrics) {
        MetricInstance instance(*node, *pipeline.registry);
        std::vector<Vector> signatures;
        for (std::size_t i : complete) {
            signatures.push_back(std::get<Vector>(*values[i]->at(instance.signature_key())));
        }
        DistanceMatrix distances =
            DistanceMatrix::compute(instance.metric(), "node '" + node->id + "' (" + node->plugin->entry.descriptor.id + ")",
                                    signatures, std::thread::hardware_concurrency());
        collection.normalised.emplace(node->id, distances.mutual_proximity());
        collection.raw.emplace(node->id, std::move(distances));
    }
    return collection;
}

}  // namespace timbre::host
