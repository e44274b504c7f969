// Workers take the next track index from an atomic counter and push results into a queue
// the calling thread drains; no track waits for another to finish.
#include "executor/parallel_analysis.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "executor/track_analysis.hpp"
#include "graph/graph_instance.hpp"

namespace timbre::host {

void analyse_in_parallel(const Graph& graph, const PluginRegistry& registry,
                         const std::vector<std::filesystem::path>& tracks, const AnalysisOptions& options,
                         const std::function<void(TrackResult)>& on_result) {
    const unsigned jobs = std::max(1u, std::min<unsigned>(options.jobs, static_cast<unsigned>(tracks.size())));
    std::vector<std::unique_ptr<GraphInstance>> instances;
    for (unsigned worker = 0; worker < jobs; ++worker) {
        instances.push_back(std::make_unique<GraphInstance>(graph, registry));
    }

    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<TrackResult> finished;
    std::vector<std::jthread> workers;
    for (unsigned worker = 0; worker < jobs; ++worker) {
        workers.emplace_back([&, worker] {
            for (std::size_t index = next++; index < tracks.size(); index = next++) {
                TrackResult result = analyse_track(index, tracks[index], graph, *instances[worker],
                                                   options.completed_hashes);
                {
                    std::lock_guard lock(mutex);
                    finished.push_back(std::move(result));
                }
                ready.notify_one();
            }
        });
    }
    for (std::size_t delivered = 0; delivered < tracks.size(); ++delivered) {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !finished.empty(); });
        TrackResult result = std::move(finished.front());
        finished.pop_front();
        lock.unlock();
        on_result(std::move(result));
    }
    workers.clear();
    instances.clear();
}

}  // namespace timbre::host
