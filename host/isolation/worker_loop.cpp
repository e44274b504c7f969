// SPDX-License-Identifier: GPL-3.0-or-later
// The parent sends the hashes to skip first, then one {"track", "path"} at a time; the
// worker answers "ready" once its plugins are configured, then milestones and a result.
#include "isolation/worker_loop.hpp"

#include <sys/prctl.h>

#include <csignal>

#include "executor/track_analysis.hpp"
#include "graph/graph_instance.hpp"
#include "isolation/track_result_codec.hpp"
#include "isolation/worker_channel.hpp"

namespace timbre::host {

int serve_tracks_to_parent(const Graph& graph, const PluginRegistry& registry) {
    // A parent killed with -9 cannot stop a worker spinning in a plugin: the kernel does.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    WorkerChannel channel(kWorkerSocket);
    const auto start = channel.wait_message();
    if (!start) {
        return 0;
    }
    const auto completed_hashes = start->at("completed").get<std::set<std::string>>();
    GraphInstance instance(graph, registry);
    instance.on_node_start([&](const GraphNode& node) { channel.send({{"node", node.id}}); });
    const TrackMilestones milestones{[&](const std::string& hash) { channel.send({{"hashed", hash}}); },
                                     [&](double audio_seconds) { channel.send({{"decoded", audio_seconds}}); }};
    if (!channel.send({{"ready", graph.fingerprint()}})) {
        return 0;
    }
    while (const auto message = channel.wait_message()) {
        const TrackResult result = analyse_track(message->at("track").get<std::size_t>(),
                                                 message->at("path").get<std::string>(), instance,
                                                 completed_hashes, milestones);
        if (!channel.send({{"result", encode_track_result(result)}})) {
            break;
        }
    }
    return 0;
}

}  // namespace timbre::host
