// SPDX-License-Identifier: GPL-3.0-or-later
// A file opened by FFmpeg's demuxer, the one way timbre's FFmpeg readers start: FFmpeg's own
// logging is silenced once per process (timbre reports each failure itself, in one sentence)
// and the demuxer is closed when the handle goes.
#pragma once

#include <filesystem>
#include <memory>

struct AVFormatContext;

namespace timbre::host {

struct ContainerCloser {
    void operator()(AVFormatContext* format) const;
};
using FfmpegContainer = std::unique_ptr<AVFormatContext, ContainerCloser>;

// The demuxer on `file` (its header read, streams not yet probed), or null when FFmpeg
// cannot open it.
FfmpegContainer open_ffmpeg_container(const std::filesystem::path& file);

}  // namespace timbre::host
