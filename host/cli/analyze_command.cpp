// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre analyze CONFIG PATH...`: validate everything first, then analyse tracks in
// parallel, committing each to the store as it finishes and writing JSONL in track order.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <iostream>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/pipeline_loading.hpp"
#include "cli/progress_display.hpp"
#include "cli/run_summary.hpp"
#include "cli/store_analysis.hpp"
#include "cli/store_metrics.hpp"
#include "isolation/isolated_analysis.hpp"
#include "results/results_csv.hpp"
#include "results/jsonl_writer.hpp"
#include "results/result_store.hpp"
#include "results/store_address.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

namespace {

struct AnalyzeOptions {
    std::string config;
    std::vector<std::string> paths;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string jsonl;
    std::string csv;
    std::string database = "timbre.db";
    bool resume = false;
    std::string shard = "1/1";
    std::vector<std::string> plugin_paths;
    bool quiet_summary = false;
    bool isolate = false;
    std::string track_timeout;    // "" (none unless isolated), "auto" or seconds
    std::uint64_t worker_memory_mib = 0;  // 0: no limit
    std::string command_line;
};

std::string level_name() {
    const auto level = spdlog::get_level();
    if (level == spdlog::level::warn) {
        return "warn";  // spdlog names it "warning", which --log-level does not take
    }
    const auto name = spdlog::level::to_string_view(level);
    return {name.data(), name.size()};
}

// Worker processes when asked for, or when an option only they can honour is given: a thread
// that never returns cannot be stopped, a process can.
std::optional<IsolationOptions> isolation_of(const AnalyzeOptions& options) {
    if (!options.isolate && options.track_timeout.empty() && options.worker_memory_mib == 0) {
        return std::nullopt;
    }
    IsolationOptions isolation;
    isolation.worker_command = {std::filesystem::read_symlink("/proc/self/exe").string(), "isolated-worker",
                                std::filesystem::absolute(options.config).string(), "--log-level",
                                level_name()};
    for (const auto& path : options.plugin_paths) {
        isolation.worker_command.insert(isolation.worker_command.end(), {"--plugin-path", path});
    }
    isolation.time_limit = TrackTimeLimit::parse(options.track_timeout.empty() ? "auto" : options.track_timeout);
    if (options.worker_memory_mib > 0) {
        isolation.memory_limit_bytes = options.worker_memory_mib << 20;
    }
    return isolation;
}

// Brings the store's similarity scales and index up to date with the tracks just analysed, so
// the first `similar` or playlist afterwards does not pay for them. A failure here loses no
// analysis: the next command that needs the similarity retries it.
void keep_similarity_current(const AnalyzeOptions& options) {
    try {
        const auto started = std::chrono::steady_clock::now();
        const StoreSimilarity current(options.database, "", options.plugin_paths);
        const auto& upkeep = current.similarity->upkeep();
        spdlog::info("similarity of {} tracks up to date in {:.1f} s: {} scaled{}{}", current.similarity->members().size(),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), upkeep.scaled,
                     upkeep.resampled ? " against a new reference sample" : "",
                     current.similarity->indexed() ? ", " + std::to_string(upkeep.indexed) + " indexed" : "");
    } catch (const Error& error) {
        spdlog::warn("similarity not brought up to date ({}); `timbre similar` will do it", error.what());
    }
}

int analyze(const AnalyzeOptions& options) {
    const Shard shard = parse_shard(options.shard);
    const auto isolation = isolation_of(options);
    const LoadedPipeline pipeline = load_pipeline(options.config, options.plugin_paths);
    const Graph& graph = *pipeline.graph;
    const auto tracks = collect_tracks({options.paths.begin(), options.paths.end()}, shard);
    if (tracks.empty()) {
        spdlog::error("no audio files found under the given paths");
        return kUsageError;
    }

    const auto store = open_result_store(options.database);
    std::optional<JsonLinesWriter> jsonl;
    if (!options.jsonl.empty()) {
        jsonl.emplace(options.jsonl, options.resume);
    }
    ResultsCsv csv;
    const unsigned workers = std::max(1u, std::min<unsigned>(options.jobs, tracks.size()));
    spdlog::info("analysing {} tracks with {} {} into {}", tracks.size(), workers,
                 isolation ? "worker processes" : "worker threads", options.database);
    if (isolation) {
        spdlog::info("track time limit: {}", isolation->time_limit.describe());
    }

    ProgressDisplay progress(tracks.size(), isatty(STDERR_FILENO) != 0);
    std::map<std::size_t, TrackResult> summary;
    const auto started = std::chrono::steady_clock::now();
    const StoreAnalysisRequest request{&pipeline,
                                       std::filesystem::absolute(options.config).lexically_normal().string(),
                                       options.command_line,
                                       tracks,
                                       folders_among({options.paths.begin(), options.paths.end()}),
                                       options.jobs,
                                       options.resume,
                                       isolation};
    const RunCounts counts = analyse_into_store(request, *store, [&](TrackResult& result) {
        if (jsonl) {
            jsonl->add(result);
        }
        if (!options.csv.empty()) {
            csv.add(result);
        }
        progress.update(result);
        result.outputs.clear();
        summary.emplace(result.index, std::move(result));
    });
    progress.finish();
    if (!options.csv.empty()) {
        csv.write(options.csv);
    }
    if (!options.quiet_summary) {
        print_run_summary(std::cout,
                          summary,
                          {std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), workers});
    }
    if (names_postgres(options.database)) {
        spdlog::info("to use these results with similar, playlist or serve: timbre merge library.db {}",
                     options.database);
    } else if (counts.ok + counts.skipped > 0 && !similarity_nodes(graph).empty()) {
        keep_similarity_current(options);
    }
    spdlog::info("results: {}{}{}", options.database, options.jsonl.empty() ? "" : ", " + options.jsonl,
                 options.csv.empty() ? "" : ", " + options.csv);
    return counts.failed > 0 ? kTracksFailed : kSuccess;
}

}  // namespace

void add_analyze_command(CLI::App& app, std::function<int()>& run, const std::string& command_line) {
    auto* command = app.add_subcommand("analyze", "Run a pipeline over audio files and folders");
    auto options = std::make_shared<AnalyzeOptions>();
    command->add_option("config", options->config, "Pipeline config (YAML)")->required();
    command->add_option("paths", options->paths, "Audio files or folders (searched recursively)")->required();
    command->add_option("-j,--jobs", options->jobs, "Tracks analysed in parallel (default: all cores)")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--out", options->jsonl, "Write one JSON record per track to this JSONL file");
    command->add_option("--csv", options->csv, "Write one row per track to this CSV file");
    command->add_option("--db", options->database,
                        "Results store: an SQLite file, or a PostgreSQL server (postgresql://user@host/database) "
                        "that many machines can write to at once")
        ->capture_default_str();
    command->add_flag("--resume", options->resume,
                      "Skip tracks this pipeline already analysed (same content hash) and append to --out");
    command->add_option("--shard", options->shard, "Analyse only shard K of N of the track list, e.g. 2/8")
        ->capture_default_str();
    command->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    command->add_flag("--no-summary", options->quiet_summary, "Do not print the per-track table at the end");
    command->add_flag("--isolate", options->isolate,
                      "Analyse in worker processes: a plugin that crashes, hangs or leaks fails only its track");
    command->add_option("--track-timeout", options->track_timeout,
                        "Stop a track after SECONDS, or 'auto' (default when isolated: 60 s + 1 s/MiB + 10x the "
                        "track's expected time); implies --isolate")
        ->type_name("SECONDS|auto");
    command->add_option("--worker-memory", options->worker_memory_mib,
                        "Replace a worker holding more than MIB of memory after a track; implies --isolate")
        ->type_name("MIB");
    command->callback([&run, &command_line, options] {
        options->command_line = command_line;
        run = [options] { return analyze(*options); };
    });
}

}  // namespace timbre::host
