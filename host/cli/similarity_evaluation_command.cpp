// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre evaluate-similarity CONFIG`: how well each similarity metric of a pipeline relates
// a labelled collection the way its labels do — leave-one-out k-NN accuracy and precision@k,
// with and without neighbours of the same artist, and hubness, before and after mutual
// proximity. The collection is the config's dataset section or --dataset, as for `evaluate`.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <numeric>
#include <sstream>
#include <thread>

#include "cli/collection_distances.hpp"
#include "cli/commands.hpp"
#include "cli/dataset_choice.hpp"
#include "cli/param_override_option.hpp"
#include "cli/pipeline_loading.hpp"
#include "similarity/metric_node.hpp"
#include "similarity/similarity_report.hpp"

namespace timbre::host {

namespace {

struct SimilarityEvaluationOptions {
    std::string config;
    DatasetChoice data;
    std::vector<std::string> metrics;  // node ids; empty = every similarity node
    std::vector<std::string> hybrid;   // "node:weight,node:weight": hybrids of mutual-proximity distances
    std::size_t k = 5;
    std::string report;
    std::vector<std::string> plugin_paths;
    std::vector<ParamOverride> overrides;  // --set NODE.PARAM=VALUE, e.g. a model trained with another held-out part
};

void print(const MetricFigures& figures) {
    std::cout << figures.node << " (" << figures.plugin << "): " << figures.tracks << " tracks, " << figures.failed
              << " failed, label " << figures.label << ", k = " << figures.k << "\n";
    const auto scores = [](const NeighbourScores& scores, const NeighbourIntervals& intervals) {
        std::ostringstream text;
        text << "accuracy " << scores.accuracy << " (95 % interval " << intervals.accuracy.low << " to "
             << intervals.accuracy.high << "), precision@k " << scores.precision_at_k << " ("
             << intervals.precision_at_k.low << " to " << intervals.precision_at_k.high << ")";
        if (intervals.groups > 0) {
            text << " (intervals over " << intervals.groups << " groups)";
        }
        return text.str();
    };
    for (const auto& row : figures.rows) {
        std::cout << "  " << figures.node << " " << row.normalisation << ": " << scores(row.all, row.all_intervals);
        if (row.group_filtered.tracks > 0) {
            std::cout << "; without same-" << figures.group
                      << " neighbours: " << scores(row.group_filtered, row.group_filtered_intervals);
        }
        std::cout << "; hubness (k = 10): skewness " << row.hubs.skewness << ", never in a top 10 "
                  << row.hubs.orphan_share << "\n";
    }
}

int evaluate_similarity(const SimilarityEvaluationOptions& options) {
    LoadedPipeline pipeline = load_pipeline(options.config, options.plugin_paths, options.overrides);
    const Graph& graph = *pipeline.graph;
    const DatasetSpec spec = dataset_for_run(pipeline.config.dataset, options.data, options.config);
    if (!spec.sources.empty()) {
        throw Error("evaluate-similarity compares neighbours within one collection: give a dataset of one source");
    }
    if (spec.label.empty() && spec.folder.empty()) {
        throw Error("evaluate-similarity needs a label to compare neighbours by: a dataset 'label' or --label");
    }
    std::vector<const GraphNode*> nodes;
    if (options.metrics.empty()) {
        nodes = similarity_nodes(graph);
        if (nodes.empty()) {
            similarity_node(graph, "");  // throws, saying what a similarity node is
        }
    } else {
        for (const auto& id : options.metrics) {
            nodes.push_back(&similarity_node(graph, id));
        }
    }
    const CollectionDistances collection = collection_distances(pipeline, spec, nodes);
    const auto describe = [&](MetricFigures figures, const std::string& node, const std::string& plugin) {
        figures.node = node;
        figures.plugin = plugin;
        figures.failed = collection.failed;
        figures.label = spec.folder.empty() ? spec.label : "folder";
        figures.group = spec.group;
        print(figures);
        return figures;
    };
    std::vector<MetricFigures> evaluated;
    for (const GraphNode* node : nodes) {
        evaluated.push_back(describe(evaluate_distances(collection.raw.at(node->id), collection.normalised.at(node->id),
                                                        collection.labels, collection.groups, collection.identities,
                                                        options.k),
                                     node->id, node->plugin->entry.descriptor.id));
    }
    std::vector<std::string> hybrids = options.hybrid;
    if (!pipeline.config.similarity_weights.empty() && options.metrics.empty()) {
        std::string configured;
        for (const auto& [node, weight] : pipeline.config.similarity_weights) {
            std::ostringstream part;
            part << node << ":" << weight.first;
            configured += (configured.empty() ? "" : ",") + part.str();
        }
        hybrids.insert(hybrids.begin(), configured);  // the mix similar and playlist use, scored first
    }
    for (const auto& hybrid : hybrids) {
        std::vector<std::pair<const DistanceMatrix*, double>> parts;
        std::istringstream weights(hybrid);
        for (std::string part; std::getline(weights, part, ',');) {
            const auto colon = part.find(':');
            const std::string node = part.substr(0, colon);
            if (colon == std::string::npos || !collection.normalised.contains(node)) {
                throw Error("--hybrid " + hybrid + ": expected NODE:WEIGHT,... with each NODE one of the evaluated metrics");
            }
            parts.emplace_back(&collection.normalised.at(node), std::stod(part.substr(colon + 1)));
        }
        const DistanceMatrix mixed = DistanceMatrix::weighted_mean(parts);
        evaluated.push_back(describe(evaluate_distances(mixed, mixed.mutual_proximity(), collection.labels,
                                                        collection.groups, collection.identities, options.k),
                                     "hybrid " + hybrid, "weighted mean of mutual-proximity distances"));
    }
    const std::filesystem::path stem = options.report.empty()
                                           ? std::filesystem::path(options.config).stem().string() + ".similarity"
                                           : options.report;
    write_similarity_report(evaluated, stem);
    std::cout << "report: " << stem.string() << ".{json,md}\n";
    return kSuccess;
}

}  // namespace

void add_similarity_evaluation_command(CLI::App& app, std::function<int()>& run) {
    auto options = std::make_shared<SimilarityEvaluationOptions>();
    auto* command = app.add_subcommand(
        "evaluate-similarity",
        "Leave-one-out k-NN agreement of each similarity metric with a labelled collection, and its hubness");
    command->add_option("config", options->config, "Pipeline config with similarity nodes (and a dataset section)")
        ->required();
    command->add_option("--dataset", options->data.dataset,
                        "A folder with one sub-folder of audio per label, or a CSV, instead of the config's dataset");
    command->add_option("--label", options->data.label, "The CSV column whose agreement is measured");
    command->add_option("--group-by", options->data.group_by,
                        "Also score without neighbours sharing this column (or the folder files' 'artist' tag)");
    command->add_option("--metric", options->metrics, "Similarity node to evaluate (repeatable; default: all)");
    command->add_option("--hybrid", options->hybrid,
                        "NODE:WEIGHT,NODE:WEIGHT...: also score this weighted mean of the metrics' mutual-proximity "
                        "distances (repeatable, one hybrid each)");
    command->add_option("--k", options->k, "Neighbours that vote")->check(CLI::Range(std::size_t{1}, std::size_t{100}));
    command->add_option("--report", options->report, "Report file stem (default: <config>.similarity)");
    command->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    add_param_override_option(*command, options->overrides, "--set mood_triplet.model=part2/mer4q-mood-triplet.pt");
    command->callback([&run, options] { run = [options] { return evaluate_similarity(*options); }; });
}

}  // namespace timbre::host
