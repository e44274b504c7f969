// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre serve --db STORE [--library DIR] [--uploads DIR]`: opens the store's library and
// similarity, then serves the web page and the JSON API until stopped, analysing files of the
// --library folders, or uploaded into --uploads, when the page asks, and comparing a file the
// page sends with the library without adding it. A thin caller of LiveLibrary, AnalysisJobs,
// VisitorQueries and serve().
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/sqlite_store_option.hpp"
#include "web/web_server.hpp"

namespace timbre::host {

namespace {

struct ServeCommandOptions {
    std::string store;
    AlikeChoices alike;
    std::vector<std::string> plugin_paths;
    std::vector<std::string> libraries;
    std::string uploads;
    std::size_t largest_upload_mb = 200;
    double follow_seconds = 5.0;
    unsigned jobs = std::max(2u, std::thread::hardware_concurrency()) - 1;
    ServeOptions serve;
};

int run_server(const ServeCommandOptions& options) {
    ServeOptions serving = options.serve;
    if (serving.token.empty()) {
        if (const char* token = std::getenv("TIMBRE_TOKEN")) {
            serving.token = token;
        }
    }
    std::optional<UploadFolder> uploads;
    std::vector<std::filesystem::path> roots(options.libraries.begin(), options.libraries.end());
    if (!options.uploads.empty()) {
        uploads.emplace(options.uploads, options.largest_upload_mb * 1024 * 1024);
        roots.push_back(uploads->folder());
    }
    LiveLibrary library(options.store, options.alike, options.plugin_paths);
    if (options.follow_seconds > 0.0) {
        library.follow_store(std::chrono::milliseconds(static_cast<std::int64_t>(options.follow_seconds * 1000.0)));
    }
    AnalysisJobs jobs(library, roots, options.jobs);
    VisitorQueries visitors(library, options.largest_upload_mb * 1024 * 1024);
    serve(library, jobs, uploads ? &*uploads : nullptr, visitors, serving);
    return kSuccess;
}

}  // namespace

void add_serve_command(CLI::App& app, std::function<int()>& run) {
    auto options = std::make_shared<ServeCommandOptions>();
    auto* command = app.add_subcommand("serve", "Serve the library, its similarity and playlists: a web page and a JSON API");
    add_sqlite_store_option(*command, options->store,
                            "Results store made by `timbre analyze` (configs/similarity.yaml)");
    command->add_option("--host", options->serve.host, "Address to listen on (other than loopback only with --token)")
        ->capture_default_str();
    command->add_option("--port", options->serve.port, "Port")->check(CLI::Range(0, 65535))->capture_default_str();
    command->add_option("--token", options->serve.token,
                        "Secret every POST must carry as 'Authorization: Bearer TOKEN' (default: $TIMBRE_TOKEN)");
    command->add_option("--threads", options->serve.threads, "Worker threads")->check(CLI::Range(1u, 256u));
    command->add_option("--rate-limit", options->serve.rate_limit,
                        "Requests a second answered from one client address, in bursts of ten seconds' worth; more "
                        "get 429 (0: no limit; default: 50 when --host reaches other machines, else none)")
        ->check(CLI::Range(0.0, 1e6));
    command->add_option("--library", options->libraries,
                        "Folder whose files the page may ask to analyse (repeatable; default: none)");
    command->add_option("--uploads", options->uploads,
                        "Folder where audio uploaded from the page is kept and analysed (created if needed; default: no uploads)");
    command->add_option("--max-upload-mb", options->largest_upload_mb,
                        "Largest upload accepted, and largest file compared with the library without adding it, in MiB")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
        ->capture_default_str();
    command->add_option("--follow-seconds", options->follow_seconds,
                        "How often to check whether another process changed the store, and read it again (0: never)")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    command->add_option("--jobs", options->jobs, "Tracks an analysis job analyses in parallel (default: cores - 1)")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--metric", options->alike.sound_mix,
                        "Tracks alike in sound: a metric mix, as for `timbre similar` (default: the config's)");
    command->add_option("--mood-metric", options->alike.mood_metric,
                        "Tracks alike in mood, the page's other choice: a metric of the store ('': none)")
        ->capture_default_str();
    command->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    command->callback([&run, options] { run = [options] { return run_server(*options); }; });
}

}  // namespace timbre::host
