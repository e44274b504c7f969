// SPDX-License-Identifier: GPL-3.0-or-later
// One graph instance per worker (or the one the caller kept); tracks go through the shared
// worker pool, results come back on the calling thread in completion order.
#include "executor/parallel_analysis.hpp"

#include <stdexcept>

#include "executor/track_analysis.hpp"
#include "executor/worker_pool.hpp"

namespace timbre::host {

void analyse_in_parallel(const Graph& graph, const PluginRegistry& registry,
                         const std::vector<std::filesystem::path>& tracks, const AnalysisOptions& options,
                         const std::function<void(TrackResult)>& on_result) {
    if (options.instance != nullptr && (&options.instance->graph() != &graph || options.isolation)) {
        throw std::logic_error("analyse_in_parallel: a kept instance must be of the graph analysed, in this process");
    }
    const unsigned jobs = options.instance != nullptr ? 1 : worker_count(options.jobs, tracks.size());
    if (options.isolation) {
        analyse_in_worker_processes(graph, tracks, jobs, options.completed_hashes, *options.isolation, on_result);
        return;
    }
    std::vector<std::unique_ptr<GraphInstance>> built;
    std::vector<GraphInstance*> instances;
    if (options.instance != nullptr) {
        instances.push_back(options.instance);
    }
    while (instances.size() < jobs) {
        instances.push_back(built.emplace_back(std::make_unique<GraphInstance>(graph, registry)).get());
    }
    run_on_workers(
        tracks.size(), jobs,
        [&](unsigned worker, std::size_t index) {
            return analyse_track(index, tracks[index], *instances[worker], options.completed_hashes);
        },
        on_result);
}

}  // namespace timbre::host
