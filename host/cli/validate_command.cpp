// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre validate CONFIG`: every check `analyze` makes before touching audio, and nothing
// else, so a config can be fixed (all problems listed with file:line:column) in one go, and
// what its models' training data allows (ml/model_terms.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/pipeline_loading.hpp"
#include "ml/model_terms.hpp"

namespace timbre::host {

void add_validate_command(CLI::App& app, std::function<int()>& run) {
    auto* validate = app.add_subcommand("validate", "Check a pipeline config against the installed plugins");
    struct Options {
        std::string config;
        std::vector<std::string> plugin_paths;
    };
    auto options = std::make_shared<Options>();
    validate->add_option("config", options->config, "Pipeline config (YAML)")->required();
    validate->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    validate->callback([&run, options] {
        run = [options] {
            const LoadedPipeline pipeline = load_pipeline(options->config, options->plugin_paths);
            std::cout << options->config << ": valid, " << pipeline.graph->nodes().size() << " nodes\n";
            for (const auto& node : pipeline.graph->nodes()) {
                std::cout << "  " << node.id << ": " << node.plugin->entry.descriptor.id << " "
                          << node.plugin->entry.descriptor.version << "\n";
            }
            std::cout << "stores:";
            for (const auto& output : pipeline.graph->stored_outputs()) {
                std::cout << " " << output.key();
            }
            std::cout << "\n";
            const auto models = pipeline_model_terms(*pipeline.graph, *pipeline.registry);
            if (!models.empty()) {
                std::cout << "models and the terms of their training data:\n";
                for (const auto& model : models) {
                    std::cout << "  " << model.node << ": " << model.model.filename().string() << ", "
                              << describe_terms(model.terms) << "\n";
                }
            }
            return int(kSuccess);
        };
    });
}

}  // namespace timbre::host
