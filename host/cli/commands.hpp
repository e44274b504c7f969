// SPDX-License-Identifier: GPL-3.0-or-later
// The `timbre` subcommands. Each registers its options on the CLI11 app and returns the
// exit code of a run: 0 success, 1 bad usage or config, 2 some tracks failed, 3 the second
// of two compared models worse than the first (compare-models --fail-if-worse).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace timbre::host {

enum ExitCode : int { kSuccess = 0, kUsageError = 1, kTracksFailed = 2, kSecondModelWorse = 3 };

// Registers the subcommand; `run` is set to the action to perform if it is chosen.
void add_plugins_command(CLI::App& app, std::function<int()>& run);
void add_validate_command(CLI::App& app, std::function<int()>& run);
void add_model_commands(CLI::App& app, std::function<int()>& run);
void add_model_comparison_command(CLI::App& app, std::function<int()>& run);
void add_similarity_evaluation_command(CLI::App& app, std::function<int()>& run);
void add_similarity_commands(CLI::App& app, std::function<int()>& run);
void add_tracks_command(CLI::App& app, std::function<int()>& run);
void add_serve_command(CLI::App& app, std::function<int()>& run);
void add_isolated_worker_command(CLI::App& app, std::function<int()>& run);
void add_merge_command(CLI::App& app, std::function<int()>& run);
// command_line (the whole invocation, recorded with the run) must outlive the app.
void add_analyze_command(CLI::App& app, std::function<int()>& run, const std::string& command_line);

}  // namespace timbre::host
