// SPDX-License-Identifier: GPL-3.0-or-later
// The parent sends the hashes to skip first, then one {"track", "path"} at a time; the
// worker answers "ready" once its plugins are configured, then milestones and a result.
// Nodes that stream track.source run inside the decode, block by block; a watcher thread,
// started only when the graph has such nodes, names one that stays in a block call (a node
// run after the decode is named as it starts).
#include "isolation/worker_loop.hpp"

#include <sys/prctl.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>

#include "executor/track_analysis.hpp"
#include "graph/graph_instance.hpp"
#include "isolation/track_result_codec.hpp"
#include "isolation/worker_channel.hpp"

namespace timbre::host {

namespace {

// The channel shared by the analysing thread and the watcher, with the decode phase the
// watcher may report in: both change under one lock, so a report never lands after the
// "decoded" milestone and overwrites the node the parent was told of since.
class ParentLink {
public:
    explicit ParentLink(WorkerChannel& channel) : channel_(channel) {}

    bool send(const nlohmann::json& message) {
        std::lock_guard lock(mutex_);
        return channel_.send(message);
    }
    void start_decoding() {
        std::lock_guard lock(mutex_);
        decoding_ = true;
        reported_ = nullptr;
    }
    // A milestone that ends the decode: "decoded", or the result of a track that failed first.
    bool send_ending_decode(const nlohmann::json& message) {
        std::lock_guard lock(mutex_);
        decoding_ = false;
        return channel_.send(message);
    }
    // During the decode, tells the parent which streaming node the decode is inside (""
    // for none), when that differs from what it was last told.
    void report_streaming(const GraphNode* node) {
        std::lock_guard lock(mutex_);
        if (decoding_ && node != reported_) {
            channel_.send({{"node", node ? node->id : ""}});
            reported_ = node;
        }
    }

private:
    WorkerChannel& channel_;
    std::mutex mutex_;
    bool decoding_ = false;
    const GraphNode* reported_ = nullptr;
};

// Looks every 100 ms at the streaming node being fed; one seen in two looks running is
// reported. A block call takes well under that, so a healthy stream is rarely reported, and
// a report is withdrawn once the decoder is seen again.
class StreamingWatch {
public:
    explicit StreamingWatch(ParentLink& link)
        : thread_([this, &link](const std::stop_token& stop) {
              const GraphNode* seen = nullptr;
              while (!stop.stop_requested()) {
                  std::this_thread::sleep_for(std::chrono::milliseconds(100));
                  const GraphNode* now = feeding_.load(std::memory_order_relaxed);
                  if (now == seen) {
                      link.report_streaming(now);
                  }
                  seen = now;
              }
          }) {}
    void feeding(const GraphNode* node) { feeding_.store(node, std::memory_order_relaxed); }

private:
    std::atomic<const GraphNode*> feeding_{nullptr};
    std::jthread thread_;  // last: stopped and joined before feeding_ goes
};

}  // namespace

int serve_tracks_to_parent(const Graph& graph, const PluginRegistry& registry) {
    // A parent killed with -9 cannot stop a worker spinning in a plugin: the kernel does.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    WorkerChannel channel(kWorkerSocket);
    const auto start = channel.wait_message();
    if (!start) {
        return 0;
    }
    const auto completed_hashes = start->at("completed").get<std::set<std::string>>();
    ParentLink link(channel);
    GraphInstance instance(graph, registry);
    instance.on_node_start([&](const GraphNode& node) { link.send({{"node", node.id}}); });
    // Without a streaming node there is nothing to watch, and no thread to wake every 100 ms.
    std::optional<StreamingWatch> watch;
    if (instance.has_streaming_nodes()) {
        watch.emplace(link);
        instance.on_stream_call([&](const GraphNode* node) { watch->feeding(node); });
    }
    const TrackMilestones milestones{[&](const std::string& hash) { link.send({{"hashed", hash}}); },
                                     [&](double audio_seconds) { link.send_ending_decode({{"decoded", audio_seconds}}); }};
    if (!link.send({{"ready", graph.fingerprint()}})) {
        return 0;
    }
    while (const auto message = channel.wait_message()) {
        link.start_decoding();
        const TrackResult result = analyse_track(message->at("track").get<std::size_t>(),
                                                 message->at("path").get<std::string>(), instance,
                                                 completed_hashes, milestones);
        if (!link.send_ending_decode({{"result", encode_track_result(result)}})) {
            break;
        }
    }
    return 0;
}

}  // namespace timbre::host
