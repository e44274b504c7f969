// SPDX-License-Identifier: GPL-3.0-or-later
// Entry point of the `timbre` program: set the heap's trimming, parse the command line, set up
// logging and the crash reporter, run the chosen subcommand, turn escaped errors into a message
// and exit 1.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"
#include "cli/crash_report.hpp"
#include "cli/heap_trimming.hpp"
#include "graph/diagnostic.hpp"

#include <iostream>

int main(int argc, char** argv) {
    timbre::host::keep_freed_heap_for_reuse();
    CLI::App app("timbre: music analysis with plugins chained by a YAML pipeline", "timbre");
    app.require_subcommand(1);
    app.fallthrough();  // --log-level works after the subcommand too
    app.set_version_flag("--version", std::string("timbre ") + TIMBRE_VERSION);
    std::string log_level = "info";
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
    std::string command_line;
    for (int i = 0; i < argc; ++i) {
        command_line += (i ? " " : "") + std::string(argv[i]);
    }
    std::function<int()> run;
    timbre::host::add_plugins_command(app, run);
    timbre::host::add_validate_command(app, run);
    timbre::host::add_analyze_command(app, run, command_line);
    timbre::host::add_model_commands(app, run);
    timbre::host::add_model_comparison_command(app, run);
    timbre::host::add_similarity_evaluation_command(app, run);
    timbre::host::add_similarity_commands(app, run);
    timbre::host::add_tracks_command(app, run);
    timbre::host::add_serve_command(app, run);
    timbre::host::add_merge_command(app, run);
    timbre::host::add_isolated_worker_command(app, run);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : timbre::host::kUsageError;
    }
    auto logger = spdlog::stderr_color_mt("timbre");
    logger->set_pattern("%^%l%$: %v");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(log_level));
    timbre::host::install_crash_report();
    try {
        return run();
    } catch (const timbre::host::ConfigError& error) {
        for (const auto& diagnostic : error.diagnostics()) {
            std::cerr << diagnostic.text() << "\n";
        }
        std::cerr << error.diagnostics().size() << " problem(s) in the config; nothing was analysed\n";
        return timbre::host::kUsageError;
    } catch (const std::exception& error) {
        spdlog::error("{}", error.what());
        return timbre::host::kUsageError;
    }
}
