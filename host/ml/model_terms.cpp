// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a node's terms instantiates its plugin unconfigured (ModelFileTerms needs no
// configure()), so a broken model file is reported here by the plugin that reads it.
#include "ml/model_terms.hpp"

#include <nlohmann/json.hpp>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

const ModelFileTerms& terms_capability(const RegisteredPlugin& plugin, const PluginInstance& instance) {
    const auto* capability = dynamic_cast<const ModelFileTerms*>(&*instance);
    if (!capability) {
        throw Error("plugin " + plugin.entry.descriptor.id + " writes no model files, so keeps no data terms");
    }
    return *capability;
}

std::string use_phrase(DataUse use) {
    switch (use) {
    case DataUse::unrestricted: return "unrestricted use";
    case DataUse::non_commercial: return "non-commercial use only";
    case DataUse::research_only: return "research use only";
    }
    return "";
}

}  // namespace

bool keeps_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry) {
    const ParamSpec* model = plugin.entry.descriptor.param("model");
    if (!model || model->type != ParamType::path) {
        return false;
    }
    const PluginInstance instance = registry.instantiate(plugin);
    return dynamic_cast<const ModelFileTerms*>(&*instance) != nullptr;
}

std::optional<DataTerms> read_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry,
                                          const std::filesystem::path& model_file) {
    const PluginInstance instance = registry.instantiate(plugin);
    const auto& capability = terms_capability(plugin, instance);
    if (!std::filesystem::is_regular_file(model_file)) {
        throw Error("model file " + model_file.string() + " does not exist");
    }
    try {
        return capability.read_terms(model_file);
    } catch (const std::exception& error) {
        throw Error(plugin.entry.descriptor.id + " cannot read the model " + model_file.string() + ": " + error.what());
    }
}

void write_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry,
                       const std::filesystem::path& model_file, const DataTerms& terms) {
    const PluginInstance instance = registry.instantiate(plugin);
    try {
        terms_capability(plugin, instance).write_terms(model_file, terms);
    } catch (const std::exception& error) {
        throw Error(plugin.entry.descriptor.id + " cannot write data terms into " + model_file.string() + ": " +
                    error.what());
    }
}

std::vector<NodeModelTerms> pipeline_model_terms(const Graph& graph, const PluginRegistry& registry) {
    std::vector<NodeModelTerms> models;
    for (const GraphNode& node : graph.nodes()) {
        const ParamSpec* spec = node.plugin->entry.descriptor.param("model");
        if (!spec || spec->type != ParamType::path) {
            continue;
        }
        const std::filesystem::path model = node.params.string("model");
        // A model not trained yet is the plugin's to report when it is configured.
        if (!std::filesystem::is_regular_file(model) || !keeps_model_terms(*node.plugin, registry)) {
            continue;
        }
        models.push_back({node.id, node.plugin->entry.descriptor.id, model, read_model_terms(*node.plugin, registry, model)});
    }
    return models;
}

std::string describe_terms(const std::optional<DataTerms>& terms) {
    if (!terms) {
        return "terms of its training data not recorded";
    }
    std::string details = terms->licence;
    if (!terms->source.empty()) {
        details += (details.empty() ? "" : "; ") + terms->source;
    }
    return use_phrase(terms->use) + (details.empty() ? "" : " (" + details + ")");
}

std::optional<std::string> limited_use_notice(const std::vector<NodeModelTerms>& models) {
    std::string notice;
    for (const auto& model : models) {
        if (model.terms && model.terms->use == DataUse::unrestricted) {
            continue;
        }
        notice += "\n  node '" + model.node + "' (" + model.model.filename().string() + "): " + describe_terms(model.terms);
    }
    if (notice.empty()) {
        return std::nullopt;
    }
    return "this pipeline's results come from models whose training data limits their use:" + notice;
}

nlohmann::json model_terms_json(const std::vector<NodeModelTerms>& models) {
    auto list = nlohmann::json::array();
    for (const auto& model : models) {
        list.push_back({{"node", model.node},
                        {"plugin", model.plugin},
                        {"model", model.model.filename().string()},
                        {"use", model.terms ? std::string(data_use_name(model.terms->use)) : "not recorded"},
                        {"licence", model.terms ? model.terms->licence : ""},
                        {"source", model.terms ? model.terms->source : ""}});
    }
    return list;
}

}  // namespace timbre::host
