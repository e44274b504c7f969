// SPDX-License-Identifier: GPL-3.0-or-later
// The data terms of the model files a pipeline reads (timbre/data_terms.hpp): written by
// `timbre train`, read for `validate`, `plugins describe --model`, each stored run and the
// web page, and turned into the notice a run gives once when its models limit its use.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "graph/graph.hpp"
#include "timbre/data_terms.hpp"

namespace timbre::host {

// One node's model file and the terms kept in it (nullopt: the file keeps none).
struct NodeModelTerms {
    std::string node;
    std::string plugin;
    std::filesystem::path model;
    std::optional<DataTerms> terms;
};

// Whether a plugin reads a model file: it has a `model` parameter of type path.
bool takes_model_file(const Descriptor& descriptor);

// Whether `plugin` keeps data terms in its model files (it is trainable).
bool keeps_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry);

// The terms kept in `model_file`, read by `plugin`; throws timbre::Error naming the plugin if
// it keeps none in its model files, or naming the file if `plugin` cannot read it.
std::optional<DataTerms> read_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry,
                                          const std::filesystem::path& model_file);
void write_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry,
                       const std::filesystem::path& model_file, const DataTerms& terms);

// Each node of `graph` whose plugin keeps terms and whose `model` parameter names an existing
// file, in the graph's order.
std::vector<NodeModelTerms> pipeline_model_terms(const Graph& graph, const PluginRegistry& registry);

// "non-commercial use only (CC BY-NC-SA 3.0; Emotify (Aljanaki et al. 2015))", "unrestricted
// use (...)", or, for a file that keeps none, "terms of its training data not recorded".
std::string describe_terms(const std::optional<DataTerms>& terms);

// What a run says once before it starts when some of its models were trained on data that
// limits their use or whose terms are not recorded; nullopt when every model's are unrestricted.
std::optional<std::string> limited_use_notice(const std::vector<NodeModelTerms>& models);

// One model file's terms as `plugins describe --model` shows them: {"model" (its file name),
// "use" ("not recorded" when unknown), "licence", "source"}.
nlohmann::json model_file_terms_json(const std::filesystem::path& model, const std::optional<DataTerms>& terms);

// As the store keeps them with each run and the web API serves them: each model's
// model_file_terms_json() with its "node" and "plugin".
nlohmann::json model_terms_json(const std::vector<NodeModelTerms>& models);

}  // namespace timbre::host
