// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre isolated-worker CONFIG`: not for people (hidden from --help). `analyze --isolate`
// starts one per worker, connected on a socket, and this loads the same pipeline and serves
// tracks to it. A crash here is the parent's to report; this process only says which plugin.
#include "cli/commands.hpp"
#include "cli/crash_report.hpp"
#include "cli/pipeline_loading.hpp"
#include "isolation/worker_loop.hpp"

namespace timbre::host {

void add_isolated_worker_command(CLI::App& app, std::function<int()>& run) {
    auto* command = app.add_subcommand("isolated-worker", "")->group("");
    auto config = std::make_shared<std::string>();
    auto plugin_paths = std::make_shared<std::vector<std::string>>();
    command->add_option("config", *config)->required();
    command->add_option("--plugin-path", *plugin_paths);
    command->callback([&run, config, plugin_paths] {
        run = [config, plugin_paths] {
            install_crash_report("The parent process fails this track and starts a new worker.");
            const LoadedPipeline pipeline = load_pipeline(*config, *plugin_paths);
            return serve_tracks_to_parent(*pipeline.graph, *pipeline.registry);
        };
    });
}

}  // namespace timbre::host
