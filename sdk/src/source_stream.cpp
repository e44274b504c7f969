// SPDX-License-Identifier: GPL-3.0-or-later
// A whole MultichannelAudio fed to a SourceStreamPlugin in the blocks a decoder would give.
#include "timbre/source_stream.hpp"

#include <algorithm>
#include <vector>

namespace timbre {

Outputs SourceStreamPlugin::process(const Inputs& inputs) {
    const MultichannelAudio& source = inputs.only<MultichannelAudio>();
    constexpr std::size_t kBlockFrames = 1 << 16;
    begin_source(source.channel_count(), source.sample_rate_hz());
    std::vector<const float*> channels(source.channel_count());
    for (std::size_t start = 0; start < source.frame_count(); start += kBlockFrames) {
        for (std::size_t c = 0; c < channels.size(); ++c) {
            channels[c] = source.channels()[c].data() + start;
        }
        add_source({channels.data(), channels.size(), std::min(kBlockFrames, source.frame_count() - start)});
    }
    return end_source();
}

}  // namespace timbre
