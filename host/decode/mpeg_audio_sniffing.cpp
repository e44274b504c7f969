// SPDX-License-Identifier: GPL-3.0-or-later
// FFmpeg's probe skips a leading ID3v2 tag itself when the buffer holds the whole tag, so the
// tag's size (from its header) decides how much is read: an album cover can be megabytes.
#include "decode/mpeg_audio_sniffing.hpp"

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <fstream>
#include <string_view>
#include <vector>

namespace timbre::host {

namespace {
constexpr std::size_t kFramesProbed = 64 * 1024;  // audio past the tag: many MPEG frames
constexpr std::size_t kLargestTag = 32 * 1024 * 1024;

// Bytes of the ID3v2 tag starting the file (header, body and footer), or 0 if none.
std::size_t id3v2_tag_bytes(const unsigned char* head, std::size_t available) {
    if (available < 10 || head[0] != 'I' || head[1] != 'D' || head[2] != '3') {
        return 0;
    }
    const std::size_t body = (std::size_t{head[6]} & 0x7f) << 21 | (std::size_t{head[7]} & 0x7f) << 14 |
                             (std::size_t{head[8]} & 0x7f) << 7 | (std::size_t{head[9]} & 0x7f);
    const bool footer = (head[5] & 0x10) != 0;
    return 10 + body + (footer ? 10 : 0);
}
}  // namespace

bool holds_mpeg_audio(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    unsigned char head[10] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    const auto head_bytes = static_cast<std::size_t>(in.gcount());
    const std::size_t wanted = std::min(id3v2_tag_bytes(head, head_bytes), kLargestTag) + kFramesProbed;
    std::vector<unsigned char> bytes(wanted + AVPROBE_PADDING_SIZE, 0);
    std::copy(head, head + head_bytes, bytes.begin());
    in.read(reinterpret_cast<char*>(bytes.data() + head_bytes), static_cast<std::streamsize>(wanted - head_bytes));
    AVProbeData probe{};
    probe.filename = "";
    probe.buf = bytes.data();
    probe.buf_size = static_cast<int>(head_bytes + static_cast<std::size_t>(in.gcount()));
    int score = 0;
    const AVInputFormat* format = av_probe_input_format3(&probe, 1, &score);
    return format && std::string_view(format->name) == "mp3" && score > AVPROBE_SCORE_RETRY;
}

}  // namespace timbre::host
