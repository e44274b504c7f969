// `timbre serve --db STORE [--library DIR]`: opens the store's library and similarity, then
// serves the web page and the JSON API until stopped, analysing files of the --library folders
// when the page asks. A thin caller of LiveLibrary, AnalysisJobs and serve().
#include <algorithm>
#include <cstdlib>
#include <thread>

#include "cli/commands.hpp"
#include "web/web_server.hpp"

namespace timbre::host {

namespace {

struct ServeCommandOptions {
    std::string store;
    std::string metric;
    std::vector<std::string> plugin_paths;
    std::vector<std::string> libraries;
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
    LiveLibrary library(options.store, options.metric, options.plugin_paths);
    AnalysisJobs jobs(library, {options.libraries.begin(), options.libraries.end()}, options.jobs);
    serve(library, jobs, serving);
    return kSuccess;
}

}  // namespace

void add_serve_command(CLI::App& app, std::function<int()>& run) {
    auto options = std::make_shared<ServeCommandOptions>();
    auto* command = app.add_subcommand("serve", "Serve the library, its similarity and playlists: a web page and a JSON API");
    command->add_option("--db", options->store, "Results store made by `timbre analyze` (configs/similarity.yaml)")
        ->required();
    command->add_option("--host", options->serve.host, "Address to listen on (other than loopback only with --token)")
        ->capture_default_str();
    command->add_option("--port", options->serve.port, "Port")->check(CLI::Range(0, 65535))->capture_default_str();
    command->add_option("--token", options->serve.token,
                        "Secret every POST must carry as 'Authorization: Bearer TOKEN' (default: $TIMBRE_TOKEN)");
    command->add_option("--threads", options->serve.threads, "Worker threads")->check(CLI::Range(1u, 256u));
    command->add_option("--library", options->libraries,
                        "Folder whose files the page may ask to analyse (repeatable; default: none)");
    command->add_option("--jobs", options->jobs, "Tracks an analysis job analyses in parallel (default: cores - 1)")
        ->check(CLI::Range(1u, 1024u));
    command->add_option("--metric", options->metric, "Metric mix, as for `timbre similar` (default: the config's)");
    command->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    command->callback([&run, options] { run = [options] { return run_server(*options); }; });
}

}  // namespace timbre::host
