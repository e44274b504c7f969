// SPDX-License-Identifier: GPL-3.0-or-later
// The stream's own duration first (in its time base), the container's otherwise.
#include "decode/expected_duration.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

#include "decode/ffmpeg_container.hpp"

namespace timbre::host {

std::optional<double> expected_duration_seconds(const std::filesystem::path& file) {
    const FfmpegContainer format = open_ffmpeg_container(file);
    if (!format || avformat_find_stream_info(format.get(), nullptr) < 0) {
        return std::nullopt;
    }
    const int index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (index >= 0) {
        const AVStream& stream = *format->streams[index];
        if (stream.duration != AV_NOPTS_VALUE && stream.duration > 0) {
            return static_cast<double>(stream.duration) * av_q2d(stream.time_base);
        }
    }
    if (format->duration != AV_NOPTS_VALUE && format->duration > 0) {
        return static_cast<double>(format->duration) / AV_TIME_BASE;
    }
    return std::nullopt;
}

}  // namespace timbre::host
