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

#include "cli/commands.hpp"
#include "cli/dataset_choice.hpp"
#include "cli/pipeline_loading.hpp"
#include "ml/model_training.hpp"
#include "ml/training_fingerprint.hpp"
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
};

void print(const MetricFigures& figures) {
    std::cout << figures.node << " (" << figures.plugin << "): " << figures.tracks << " tracks, " << figures.failed
              << " failed, label " << figures.label << ", k = " << figures.k << "\n";
    for (const auto& row : figures.rows) {
        std::cout << "  " << figures.node << " " << row.normalisation << ": accuracy " << row.all.accuracy
                  << ", precision@k " << row.all.precision_at_k;
        if (row.group_filtered.tracks > 0) {
            std::cout << "; without same-" << figures.group << " neighbours: accuracy " << row.group_filtered.accuracy
                      << ", precision@k " << row.group_filtered.precision_at_k;
        }
        std::cout << "; hubness (k = 10): skewness " << row.hubs.skewness << ", never in a top 10 "
                  << row.hubs.orphan_share << "\n";
    }
}

// The examples no trained model upstream of `metrics` learned from (a learned embedding is
// scored on tracks it never saw, as `evaluate` scores a classifier), judged by the
// `.trained-on` fingerprint beside each model; says how many were left out and why.
std::vector<std::size_t> unseen_by_upstream_models(const Graph& graph, const std::vector<const GraphNode*>& metrics,
                                                   const Dataset& dataset) {
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
        spdlog::info("{} of {} examples left out: models the metrics read ({}) were trained on them",
                     dataset.examples.size() - unseen.size(), dataset.examples.size(), named);
    }
    if (unseen.size() < 2) {
        throw Error("every example of this dataset trained a model the metrics read: score them on another collection");
    }
    return unseen;
}

int evaluate_similarity(const SimilarityEvaluationOptions& options) {
    LoadedPipeline pipeline = load_pipeline(options.config, options.plugin_paths);
    const Graph& graph = *pipeline.graph;
    const DatasetSpec spec = dataset_for_run(pipeline.config.dataset, options.data, options.config);
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
    const Dataset dataset = load_dataset(spec);
    const std::vector<std::size_t> scored = unseen_by_upstream_models(graph, nodes, dataset);
    std::set<std::string> wanted;
    for (const GraphNode* node : nodes) {
        wanted.insert(node->id + "." + kSignaturePort);
    }
    spdlog::info("dataset {}: {} examples; computing {} signature(s)",
                 spec.folder.empty() ? spec.csv.string() : spec.folder.string(), dataset.examples.size(), wanted.size());
    const ExampleValues values = compute_example_values(graph, *pipeline.registry, dataset, scored, wanted);

    // Only examples with every signature take part, so that all metrics (and a hybrid of
    // them) are scored on the same tracks.
    std::vector<std::size_t> complete;
    for (std::size_t i = 0; i < dataset.examples.size(); ++i) {
        if (values[i] && values[i]->size() == wanted.size()) {
            complete.push_back(i);
        }
    }
    std::vector<std::string> labels, groups;
    for (std::size_t i : complete) {
        labels.push_back(dataset.examples[i].label);
        groups.push_back(dataset.examples[i].group);
    }
    if (spec.group.empty()) {
        groups.clear();
    }
    const auto describe = [&](MetricFigures figures, const std::string& node, const std::string& plugin) {
        figures.node = node;
        figures.plugin = plugin;
        figures.failed = scored.size() - complete.size();
        figures.label = spec.folder.empty() ? spec.label : "folder";
        figures.group = spec.group;
        print(figures);
        return figures;
    };
    std::vector<MetricFigures> evaluated;
    std::map<std::string, DistanceMatrix> normalised;
    for (const GraphNode* node : nodes) {
        MetricInstance instance(*node, *pipeline.registry);
        std::vector<Vector> signatures;
        for (std::size_t i : complete) {
            signatures.push_back(std::get<Vector>(*values[i]->at(instance.signature_key())));
        }
        const DistanceMatrix distances =
            DistanceMatrix::compute(instance.metric(), "node '" + node->id + "' (" + node->plugin->entry.descriptor.id + ")",
                                    signatures, std::thread::hardware_concurrency());
        const auto& normalised_distances = normalised.emplace(node->id, distances.mutual_proximity()).first->second;
        evaluated.push_back(describe(evaluate_distances(distances, normalised_distances, labels, groups, options.k),
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
            if (colon == std::string::npos || !normalised.contains(node)) {
                throw Error("--hybrid " + hybrid + ": expected NODE:WEIGHT,... with each NODE one of the evaluated metrics");
            }
            parts.emplace_back(&normalised.at(node), std::stod(part.substr(colon + 1)));
        }
        const DistanceMatrix mixed = DistanceMatrix::weighted_mean(parts);
        evaluated.push_back(describe(evaluate_distances(mixed, mixed.mutual_proximity(), labels, groups, options.k),
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
    command->callback([&run, options] { run = [options] { return evaluate_similarity(*options); }; });
}

}  // namespace timbre::host
