// SPDX-License-Identifier: GPL-3.0-or-later
// Each call into a plugin is marked as that plugin's (the crash handler names it); a plugin
// that throws is not fed again this track.
#include "graph/source_fan_out.hpp"

#include "graph/running_plugin.hpp"

namespace timbre::host {

namespace {
constexpr const char* kSource = "track.source";

bool reads_source(const GraphNode& node) {
    for (const auto& [port, source] : node.inputs) {
        if (source == kSource) {
            return true;
        }
    }
    return false;
}
}  // namespace

SourceFanOut::SourceFanOut(const Graph& graph, const std::vector<NodePlugin>& nodes) {
    for (const auto& output : graph.stored_outputs()) {
        gathers_whole_ = gathers_whole_ || output.key() == kSource;
    }
    for (const auto& [node, plugin] : nodes) {
        if (!reads_source(*node)) {
            continue;
        }
        auto* streaming = dynamic_cast<SourceStreamPlugin*>(plugin);
        if (streaming && node->inputs.size() == 1) {
            streamed_.push_back({node, streaming, std::nullopt});
        } else {
            gathers_whole_ = true;
        }
    }
}

void SourceFanOut::feed(StreamedNode& streamed, const auto& call) {
    if (streamed.failure) {
        return;
    }
    if (feeding_) {
        feeding_(streamed.node);
    }
    try {
        RunningPlugin running(streamed.node->plugin->entry.descriptor.id);
        call(*streamed.plugin);
    } catch (const std::exception& error) {
        streamed.failure = error.what();
    } catch (...) {
        streamed.failure = "threw a non-standard exception";
    }
    if (feeding_) {
        feeding_(nullptr);
    }
}

void SourceFanOut::begin(std::size_t channel_count, double sample_rate_hz) {
    active_ = true;
    sample_rate_hz_ = sample_rate_hz;
    whole_.assign(gathers_whole_ ? channel_count : 0, {});
    for (auto& streamed : streamed_) {
        streamed.failure.reset();
        feed(streamed, [&](SourceStreamPlugin& plugin) { plugin.begin_source(channel_count, sample_rate_hz); });
    }
}

void SourceFanOut::add(const SourceBlock& block) {
    for (std::size_t c = 0; c < whole_.size(); ++c) {
        whole_[c].insert(whole_[c].end(), block.channels[c], block.channels[c] + block.frame_count);
    }
    for (auto& streamed : streamed_) {
        feed(streamed, [&](SourceStreamPlugin& plugin) { plugin.add_source(block); });
    }
}

bool SourceFanOut::streams(const GraphNode& node) const {
    if (!active_) {
        return false;
    }
    for (const auto& streamed : streamed_) {
        if (streamed.node == &node) {
            return true;
        }
    }
    return false;
}

Outputs SourceFanOut::finish(const GraphNode& node) {
    for (auto& streamed : streamed_) {
        if (streamed.node == &node) {
            if (streamed.failure) {
                throw Error(*streamed.failure);
            }
            return streamed.plugin->end_source();
        }
    }
    throw Error("was not fed track.source block by block");
}

std::optional<MultichannelAudio> SourceFanOut::take_whole() {
    if (whole_.empty()) {  // begin() made a channel list only where the whole is gathered
        return std::nullopt;
    }
    MultichannelAudio whole(std::move(whole_), sample_rate_hz_);
    whole_.clear();
    return whole;
}

}  // namespace timbre::host
