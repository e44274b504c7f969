// SPDX-License-Identifier: GPL-3.0-or-later
// Plugins that read a track's original channels (track.source) a block at a time, while the
// track decodes. The host then never holds a long track's source whole: a 2-hour stereo
// file at 44.1 kHz is 2.5 GB of float samples, and loudness only ever needs a few seconds of
// them at once. Lifecycle per track, on one worker thread:
//   begin_source(channels, rate) -> add_source(block)... -> end_source()
// A track that fails part-way (a decode error) simply begins again with the next track.
#pragma once

#include <cstddef>

#include "timbre/plugin.hpp"

namespace timbre {

// Consecutive frames of every source channel: channels[c][i] for i < frame_count. Valid only
// during the add_source() call that receives it.
struct SourceBlock {
    const float* const* channels;
    std::size_t channel_count;
    std::size_t frame_count;
};

// A plugin with exactly one input port, of type multichannel, wired to track.source.
// process() is provided: it streams a whole MultichannelAudio through the same three calls,
// so a model trained on stored audio and a streamed analysis compute identically.
class SourceStreamPlugin : public Plugin {
public:
    // Starts a track; forgets whatever an earlier, possibly unfinished, track left.
    virtual void begin_source(std::size_t channel_count, double sample_rate_hz) = 0;
    virtual void add_source(const SourceBlock& block) = 0;
    // Every declared output, from the blocks added since begin_source().
    virtual Outputs end_source() = 0;

    Outputs process(const Inputs& inputs) final;
};

}  // namespace timbre
