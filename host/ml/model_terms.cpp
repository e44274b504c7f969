// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a node's terms instantiates its plugin unconfigured (ModelFileTerms needs no
// configure()), so a broken model file is reported here by the plugin that reads it.
#include "ml/model_terms.hpp"

#include <nlohmann/json.hpp>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

// `capability.read_terms`, its failure named by plugin and file.
std::optional<DataTerms> terms_in(const ModelFileTerms& capability, const RegisteredPlugin& plugin,
                                  const std::filesystem::path& model_file) {
    try {
        return capability.read_terms(model_file);
    } catch (const std::exception& error) {
        throw Error(plugin.entry.descriptor.id + " cannot read the model " + model_file.string() + ": " + error.what());
    }
}

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

bool takes_model_file(const Descriptor& descriptor) {
    const ParamSpec* model = descriptor.param("model");
    return model && model->type == ParamType::path;
}

bool keeps_model_terms(const RegisteredPlugin& plugin, const PluginRegistry& registry) {
    if (!takes_model_file(plugin.entry.descriptor)) {
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
    return terms_in(capability, plugin, model_file);
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
        if (!takes_model_file(node.plugin->entry.descriptor)) {
            continue;
        }
        const std::filesystem::path model = node.params.string("model");
        // A model not trained yet is the plugin's to report when it is configured.
        if (!std::filesystem::is_regular_file(model)) {
            continue;
        }
        const PluginInstance instance = registry.instantiate(*node.plugin);
        if (const auto* capability = dynamic_cast<const ModelFileTerms*>(&*instance)) {
            models.push_back({node.id, node.plugin->entry.descriptor.id, model, terms_in(*capability, *node.plugin, model)});
        }
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

nlohmann::json model_file_terms_json(const std::filesystem::path& model, const std::optional<DataTerms>& terms) {
    return {{"model", model.filename().string()},
            {"use", terms ? std::string(data_use_name(terms->use)) : "not recorded"},
            {"licence", terms ? terms->licence : ""},
            {"source", terms ? terms->source : ""}};
}

nlohmann::json model_terms_json(const std::vector<NodeModelTerms>& models) {
    auto list = nlohmann::json::array();
    for (const auto& model : models) {
        auto entry = model_file_terms_json(model.model, model.terms);
        entry["node"] = model.node;
        entry["plugin"] = model.plugin;
        list.push_back(std::move(entry));
    }
    return list;
}

}  // namespace timbre::host
