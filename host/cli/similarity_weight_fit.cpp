// SPDX-License-Identifier: GPL-3.0-or-later
// The honest figure is the held-out one: weights fitted on the other collections, scored on
// the one left out, so no collection judges weights it chose. The weights written are then
// fitted on every collection. Collections are analysed once; the fit itself only re-mixes
// distance matrices.
#include "cli/similarity_weight_fit.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/collection_distances.hpp"
#include "cli/commands.hpp"
#include "similarity/metric_node.hpp"
#include "similarity/neighbour_evaluation.hpp"
#include "similarity/weight_fitting.hpp"

namespace timbre::host {

namespace {

std::string describe(const MetricMix& mix) {
    std::ostringstream text;
    for (const auto& [metric, weight] : mix) {
        text << (text.tellp() > 0 ? ", " : "") << metric << " " << weight;
    }
    return text.str();
}

// "accuracy 0.83, precision@5 0.72 (without same-artist neighbours: 0.61, 0.55)"
std::string scores_text(const LabelledCollection& collection, const MetricMix& mix, std::size_t k, const std::string& group) {
    const DistanceMatrix mixed = mixed_distances(collection, mix);
    const NeighbourScores all = leave_one_out_scores(mixed, collection.labels, {}, k);
    std::ostringstream text;
    text << "accuracy " << all.accuracy << ", precision@" << k << " " << all.precision_at_k;
    if (!collection.groups.empty()) {
        const NeighbourScores filtered = leave_one_out_scores(mixed, collection.labels, collection.groups, k);
        text << " (without same-" << group << " neighbours: " << filtered.accuracy << ", " << filtered.precision_at_k
             << ")";
    }
    return text.str();
}

void write_weights(const std::filesystem::path& file, const std::string& config, const FittedMix& fitted,
                   const std::vector<LabelledCollection>& collections, std::size_t k) {
    std::ostringstream header;
    header << "# The default similarity mix of " << config << ", fitted by `timbre train " << config << "`\n"
           << "# on " << collections.size() << " labelled collection(s):";
    for (std::size_t c = 0; c < collections.size(); ++c) {
        header << (c == 0 ? " " : ", ") << std::filesystem::path(collections[c].name).parent_path().filename().string()
               << " (" << collections[c].labels.size() << " tracks)";
    }
    header << ".\n# Mean precision@" << k << " of the collections' labels, the objective: " << fitted.objective
           << ". Metrics the fit gave weight 0 are left out.\n# Written by timbre train: edit by hand, or fit again.\n";
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << header.str();
    for (const auto& [metric, weight] : fitted.weights) {
        if (weight > 0.0) {
            out << metric << ": " << weight << "\n";
        }
    }
    if (!out.flush()) {
        throw Error("cannot write the similarity weights to " + file.string());
    }
}

}  // namespace

int fit_similarity_weights(const LoadedPipeline& pipeline) {
    const SimilarityFitSpec& spec = *pipeline.config.similarity_fit;
    const std::filesystem::path& out = pipeline.config.similarity_weights_file;
    if (out.empty()) {
        throw Error(pipeline.config.file + ": 'fit_similarity' needs 'similarity: FILE' naming the file the fitted "
                    "weights go to");
    }
    std::vector<const GraphNode*> metrics;
    std::vector<std::string> ids;
    if (spec.metrics.empty()) {
        metrics = similarity_nodes(*pipeline.graph);
    } else {
        for (const auto& [id, position] : spec.metrics) {
            metrics.push_back(&similarity_node(*pipeline.graph, id));
        }
    }
    for (const GraphNode* metric : metrics) {
        ids.push_back(metric->id);
    }
    std::vector<LabelledCollection> collections;
    for (const auto& dataset : spec.collections) {
        collections.push_back(collection_distances(pipeline, dataset, metrics));  // the part weight fitting reads
    }
    const auto group_of = [&](std::size_t c) { return spec.collections[c].group; };
    MetricMix equal;
    for (const auto& id : ids) {
        equal[id] = 1.0;
    }
    std::cout << "fitting the weights of " << ids.size() << " metrics on " << collections.size()
              << " collection(s), k = " << spec.k << "\n";
    if (collections.size() >= 2) {
        std::cout << "each collection scored with weights fitted on the others:\n";
        for (std::size_t left_out = 0; left_out < collections.size(); ++left_out) {
            std::vector<const LabelledCollection*> others;
            for (std::size_t c = 0; c < collections.size(); ++c) {
                if (c != left_out) {
                    others.push_back(&collections[c]);
                }
            }
            const FittedMix fitted = fit_mix(ids, others, spec.grid, spec.k);
            const LabelledCollection& collection = collections[left_out];
            std::cout << "  " << collection.name << " (" << collection.labels.size() << " tracks): "
                      << scores_text(collection, fitted.weights, spec.k, group_of(left_out)) << "\n"
                      << "    equal weights: " << scores_text(collection, equal, spec.k, group_of(left_out)) << "\n"
                      << "    weights: " << describe(fitted.weights) << "\n";
        }
    }
    std::vector<const LabelledCollection*> all;
    for (const auto& collection : collections) {
        all.push_back(&collection);
    }
    const FittedMix fitted = fit_mix(ids, all, spec.grid, spec.k);
    std::cout << "fitted on every collection: " << describe(fitted.weights) << " (objective " << fitted.objective
              << ")\n";
    for (std::size_t c = 0; c < collections.size(); ++c) {
        std::cout << "  " << collections[c].name << ": "
                  << scores_text(collections[c], fitted.weights, spec.k, group_of(c)) << " (weights fitted on it)\n";
    }
    write_weights(out, pipeline.config.file, fitted, collections, spec.k);
    std::cout << "weights written to " << out.string() << "\n";
    return kSuccess;
}

}  // namespace timbre::host
