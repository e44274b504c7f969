// SPDX-License-Identifier: GPL-3.0-or-later
// One graph instance per worker; tracks go through the shared worker pool, results come back
// on the calling thread in completion order.
#include "executor/parallel_analysis.hpp"

#include "executor/track_analysis.hpp"
#include "executor/worker_pool.hpp"
#include "graph/graph_instance.hpp"

namespace timbre::host {

void analyse_in_parallel(const Graph& graph, const PluginRegistry& registry,
                         const std::vector<std::filesystem::path>& tracks, const AnalysisOptions& options,
                         const std::function<void(TrackResult)>& on_result) {
    const unsigned jobs = worker_count(options.jobs, tracks.size());
    if (options.isolation) {
        analyse_in_worker_processes(graph, tracks, jobs, options.completed_hashes, *options.isolation, on_result);
        return;
    }
    std::vector<std::unique_ptr<GraphInstance>> instances;
    for (unsigned worker = 0; worker < jobs; ++worker) {
        instances.push_back(std::make_unique<GraphInstance>(graph, registry));
    }
    run_on_workers(
        tracks.size(), jobs,
        [&](unsigned worker, std::size_t index) {
            return analyse_track(index, tracks[index], *instances[worker], options.completed_hashes);
        },
        on_result);
}

}  // namespace timbre::host
