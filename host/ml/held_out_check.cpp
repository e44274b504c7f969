// SPDX-License-Identifier: GPL-3.0-or-later
// A refusal names at most five examples: enough to find the cause (another seed, --limit, a
// dataset that grew) without flooding the terminal.
#include "ml/held_out_check.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "ml/training_fingerprint.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

std::vector<std::size_t> group_disjoint_part(const Dataset& dataset, const Split& split) {
    std::set<std::string> groups, keys;
    for (std::size_t i : split.train) {
        groups.insert(dataset.examples[i].group);
        keys.insert(dataset.examples[i].key);
    }
    std::vector<std::size_t> part;
    for (std::size_t i : split.test) {
        const Example& example = dataset.examples[i];
        if (!groups.contains(example.group) && !keys.contains(example.key)) {
            part.push_back(i);
        }
    }
    return part;
}

std::optional<std::size_t> count_training_examples(const Dataset& dataset, const std::vector<std::size_t>& scored,
                                                   const std::filesystem::path& model_file, bool overlap_allowed) {
    const auto fingerprint = TrainingFingerprint::read_beside(model_file);
    if (!fingerprint) {
        return std::nullopt;
    }
    std::vector<std::string> trained_on;
    for (std::size_t i : scored) {
        if (fingerprint->contains(dataset.examples[i])) {
            trained_on.push_back(dataset.examples[i].origin);
        }
    }
    if (!trained_on.empty() && !overlap_allowed) {
        std::string named;
        for (std::size_t k = 0; k < trained_on.size() && k < 5; ++k) {
            named += (k ? ", " : "") + trained_on[k];
        }
        throw Error(std::to_string(trained_on.size()) + " of the " + std::to_string(scored.size()) +
                    " held-out examples are examples " + model_file.string() + " was trained on (" + named +
                    (trained_on.size() > 5 ? ", ..." : "") +
                    "): this split is not the one it was trained with (another seed, --limit or dataset?); "
                    "pass --all-examples to score every example anyway");
    }
    return trained_on.size();
}

namespace {

// The model files of the nodes `chosen` accepts, with the fingerprints of what they were trained on.
template <typename Chosen>
std::vector<std::pair<std::string, TrainingFingerprint>> fingerprints_of(const Graph& graph, Chosen chosen) {
    std::vector<std::pair<std::string, TrainingFingerprint>> models;
    for (const auto& node : graph.nodes()) {
        const ParamSpec* model = node.plugin->entry.descriptor.param("model");
        if (chosen(node) && model && model->type == ParamType::path && !node.params.string("model").empty()) {
            if (auto fingerprint = TrainingFingerprint::read_beside(node.params.string("model"))) {
                models.emplace_back(node.params.string("model"), std::move(*fingerprint));
            }
        }
    }
    return models;
}

std::string file_names(const std::vector<std::pair<std::string, TrainingFingerprint>>& models) {
    std::string named;
    for (const auto& [file, fingerprint] : models) {
        named += (named.empty() ? "" : ", ") + std::filesystem::path(file).filename().string();
    }
    return named;
}

}  // namespace

void drop_examples_frozen_models_saw(const Graph& graph, const GraphNode& node, Dataset& dataset) {
    const auto feeding = ancestors_of(graph, node.id);
    const auto models =
        fingerprints_of(graph, [&](const GraphNode& other) { return other.frozen && feeding.contains(other.id); });
    const std::size_t before = dataset.examples.size();
    std::erase_if(dataset.examples, [&](const Example& example) {
        return std::any_of(models.begin(), models.end(), [&](const auto& model) { return model.second.contains(example); });
    });
    if (dataset.examples.size() < before) {
        spdlog::info("{} of {} examples left out: the frozen models they pass through ({}) were trained on them",
                     before - dataset.examples.size(), before, file_names(models));
    }
}

std::vector<std::size_t> examples_no_upstream_model_saw(const Graph& graph, const std::vector<const GraphNode*>& nodes,
                                                        const Dataset& dataset, const std::string& name, OwnModels own) {
    std::set<std::string> upstream;
    for (const GraphNode* node : nodes) {
        upstream.merge(ancestors_of(graph, node->id));
        if (own == OwnModels::count) {
            upstream.insert(node->id);
        }
    }
    const auto models = fingerprints_of(graph, [&](const GraphNode& node) { return upstream.contains(node.id); });
    std::vector<std::size_t> unseen;
    std::size_t training_only = 0;
    for (std::size_t i = 0; i < dataset.examples.size(); ++i) {
        if (dataset.examples[i].training_only) {
            ++training_only;
        } else if (std::none_of(models.begin(), models.end(),
                                [&](const auto& model) { return model.second.contains(dataset.examples[i]); })) {
            unseen.push_back(i);
        }
    }
    if (training_only > 0) {
        spdlog::info("{}: {} training-only examples left out", name, training_only);
    }
    if (unseen.size() + training_only < dataset.examples.size()) {
        spdlog::info("{}: {} of {} examples left out: the models they pass through ({}) were trained on them", name,
                     dataset.examples.size() - training_only - unseen.size(), dataset.examples.size(),
                     file_names(models));
    }
    if (unseen.size() < 2) {
        throw Error(name + ": every example of this dataset trained a model upstream: score on another "
                    "collection");
    }
    return unseen;
}

}  // namespace timbre::host
