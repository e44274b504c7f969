// SPDX-License-Identifier: GPL-3.0-or-later
// Silencing is global in FFmpeg, so it happens once, before the first file is opened.
#include "decode/ffmpeg_container.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

#include <mutex>

namespace timbre::host {

void ContainerCloser::operator()(AVFormatContext* format) const { avformat_close_input(&format); }

FfmpegContainer open_ffmpeg_container(const std::filesystem::path& file) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });
    AVFormatContext* format = nullptr;
    if (avformat_open_input(&format, file.c_str(), nullptr, nullptr) < 0) {
        return nullptr;
    }
    return FfmpegContainer(format);
}

}  // namespace timbre::host
