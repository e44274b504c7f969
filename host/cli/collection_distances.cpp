// SPDX-License-Identifier: GPL-3.0-or-later
// Only tracks with every signature take part, so that all metrics (and a mix of them) are
// compared on the same tracks.
#include "cli/collection_distances.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <thread>

#include "ml/held_out_check.hpp"
#include "ml/model_training.hpp"
#include "similarity/metric_node.hpp"

namespace timbre::host {

CollectionDistances collection_distances(const LoadedPipeline& pipeline, const DatasetSpec& spec,
                                         const std::vector<const GraphNode*>& metrics) {
    const Graph& graph = *pipeline.graph;
    CollectionDistances collection;
    collection.name = dataset_location(spec);
    const Dataset dataset = load_dataset(spec);
    const std::vector<std::size_t> scored = examples_no_upstream_model_saw(graph, metrics, dataset, collection.name, OwnModels::count);
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
            collection.identities.push_back(
                {dataset.examples[i].key, dataset.examples[i].origin, dataset.examples[i].group});
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
