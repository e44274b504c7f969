// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre plugins` lists what is installed (and what failed to load, with why);
// `timbre plugins describe ID` prints one plugin's full descriptor, as text or JSON, and with
// --model FILE the terms of the data that model file was trained on.
#include <spdlog/spdlog.h>

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/registry_loading.hpp"
#include "loader/descriptor_json.hpp"
#include "ml/model_terms.hpp"
#include "results/json_text.hpp"

namespace timbre::host {

namespace {

// The width of the name column: the longest port or parameter name and two spaces.
int name_width(const Descriptor& d) {
    std::size_t width = 12;
    for (const auto* specs : {&d.inputs, &d.outputs}) {
        for (const auto& spec : *specs) {
            width = std::max(width, spec.name.size());
        }
    }
    for (const auto& param : d.params) {
        width = std::max(width, param.name.size());
    }
    return static_cast<int>(width + 2);
}

void print_descriptor(const RegisteredPlugin& plugin) {
    const Descriptor& d = plugin.entry.descriptor;
    const int width = name_width(d);
    std::cout << d.id << " " << d.version << " (" << to_string(d.kind) << ")\n  " << d.description << "\n  library: "
              << plugin.path.string() << "\n";
    auto ports = [width](const char* title, const std::vector<PortSpec>& specs) {
        std::cout << title << (specs.empty() ? " none\n" : "\n");
        for (const auto& spec : specs) {
            std::cout << "  " << std::left << std::setw(width) << spec.name << std::setw(8) << to_string(spec.type)
                      << spec.doc << "\n";
        }
    };
    ports("inputs:", d.inputs);
    ports("outputs:", d.outputs);
    std::cout << "parameters:" << (d.params.empty() ? " none\n" : "\n");
    for (const auto& param : d.params) {
        std::cout << "  " << std::left << std::setw(width) << param.name << std::setw(8) << to_string(param.type)
                  << "default " << to_string(param.default_value);
        if (!param.unit.empty()) {
            std::cout << " " << param.unit;
        }
        if (const auto range = param.range_text(); !range.empty()) {
            std::cout << ", " << range;
        }
        std::cout << "\n  " << std::setw(width + 8) << "" << param.doc << "\n";
    }
}

}  // namespace

void add_plugins_command(CLI::App& app, std::function<int()>& run) {
    auto* plugins = app.add_subcommand("plugins", "List installed plugins, or describe one");
    struct Options {
        std::vector<std::string> plugin_paths;
        std::string id;
        bool as_json = false;
        std::string model;
    };
    auto options = std::make_shared<Options>();
    plugins->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    auto* describe = plugins->add_subcommand("describe", "Print a plugin's descriptor: ports, parameters, ranges");
    describe->add_option("id", options->id, "Plugin id, e.g. timbre.melspec")->required();
    describe->add_flag("--json", options->as_json, "Print the descriptor as JSON");
    describe->add_option("--model", options->model,
                         "A model file of this plugin: also print the terms of the data it was trained on");
    plugins->callback([&run, describe, options] {
        run = [describe, options] {
            const auto& [plugin_paths, id, as_json, model] = *options;
            const PluginRegistry registry = load_registry(plugin_paths);
            if (describe->parsed()) {
                const RegisteredPlugin* plugin = registry.find(id);
                if (!plugin) {
                    spdlog::error("no plugin with id '{}'; `timbre plugins` lists the installed ones", id);
                    return int(kUsageError);
                }
                const std::optional<DataTerms> terms =
                    model.empty() ? std::nullopt : read_model_terms(*plugin, registry, model);
                if (as_json) {
                    auto shown = shown_descriptor_json(plugin->entry.descriptor);
                    if (!model.empty()) {
                        shown["model"] = model_file_terms_json(model, terms);
                    }
                    std::cout << json_text(shown, 2) << "\n";
                } else {
                    print_descriptor(*plugin);
                    if (!model.empty()) {
                        std::cout << "model " << model << ": " << describe_terms(terms) << "\n";
                    } else if (keeps_model_terms(*plugin, registry)) {
                        std::cout << "its model files keep the terms of their training data: add --model FILE\n";
                    }
                }
                return int(kSuccess);
            }
            std::size_t id_width = 0;
            for (const auto& plugin : registry.plugins()) {
                id_width = std::max(id_width, plugin->entry.descriptor.id.size() + 2);
            }
            for (const auto& plugin : registry.plugins()) {
                const Descriptor& d = plugin->entry.descriptor;
                std::cout << std::left << std::setw(static_cast<int>(id_width)) << d.id << std::setw(8) << d.version << std::setw(11)
                          << to_string(d.kind) << d.description << "\n";
            }
            for (const auto& failure : registry.failures()) {
                std::cerr << "not loaded: " << failure.path.string() << ": " << failure.reason << "\n";
            }
            return int(kSuccess);
        };
    });
}

}  // namespace timbre::host
