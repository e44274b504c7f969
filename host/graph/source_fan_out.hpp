// SPDX-License-Identifier: GPL-3.0-or-later
// A track's original channels, as they decode, handed to every node that reads them block
// by block (a SourceStreamPlugin wired to track.source alone), and gathered whole only when
// some other node reads the whole value or the pipeline stores it. A node that fails while it is fed is remembered
// and its error raised at its turn in the graph: an optional node is then skipped and any
// other fails the track, exactly as if it had failed in process().
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "decode/audio_decoder.hpp"
#include "graph/graph.hpp"

namespace timbre::host {

// A node and its configured plugin instance, as a GraphInstance holds them.
struct NodePlugin {
    const GraphNode* node;
    Plugin* plugin;
};

class SourceFanOut : public SourceReceiver {
public:
    SourceFanOut() = default;
    // `nodes`: every instantiated node of a graph instance, in graph order.
    SourceFanOut(const Graph& graph, const std::vector<NodePlugin>& nodes);

    // Whether some node reads track.source, so the decoder must hand it the channels.
    bool needed() const { return !streamed_.empty() || gathers_whole_; }
    // Whether some node is fed the channels block by block as the track decodes.
    bool has_streamed_nodes() const { return !streamed_.empty(); }

    void begin(std::size_t channel_count, double sample_rate_hz) override;
    void add(const SourceBlock& block) override;

    // Whether `node` was fed the current track's channels block by block.
    bool streams(const GraphNode& node) const;
    // The outputs `node` computes from what it was fed; throws what it failed on while it
    // was fed. Call inside the node's RunningPlugin mark, as process() is.
    Outputs finish(const GraphNode& node);
    // The whole source for nodes that read it whole (nullopt when none does).
    std::optional<MultichannelAudio> take_whole();
    // After the track's nodes ran: streams() is false until the next begin().
    void end_track() { active_ = false; }

    // Called with a node just before it is handed a block (or begins), and with nullptr when
    // the call returns: an isolated worker watches it, so a node that never returns from a
    // block is named instead of the decoder.
    void on_feed(std::function<void(const GraphNode*)> listener) { feeding_ = std::move(listener); }

private:
    struct StreamedNode {
        const GraphNode* node;
        SourceStreamPlugin* plugin;
        std::optional<std::string> failure;
    };
    void feed(StreamedNode& streamed, const auto& call);

    std::vector<StreamedNode> streamed_;
    bool gathers_whole_ = false;
    bool active_ = false;  // between begin() and end_track()
    std::vector<std::vector<float>> whole_;
    double sample_rate_hz_ = 0.0;
    std::function<void(const GraphNode*)> feeding_;
};

}  // namespace timbre::host
