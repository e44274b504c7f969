// SPDX-License-Identifier: GPL-3.0-or-later
// libmagic's handle is not thread-safe, so each call opens its own (a few milliseconds, once
// per upload). Ogg is kept as .ogg whether it holds Vorbis or Opus, Matroska as .mka whether
// libmagic calls it video or not: the decoder reads the codec from the stream. WavPack, TTA and
// CAF have no type in libmagic's database, so an upload of them is refused.
#include "web/audio_sniffing.hpp"

#include <magic.h>

#include <map>
#include <memory>

#include "timbre/error.hpp"

namespace timbre::host {

SniffedType sniff_audio(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> decoded{
        {"audio/mpeg", ".mp3"},       {"audio/x-wav", ".wav"},         {"audio/wav", ".wav"},
        {"audio/x-aiff", ".aiff"},    {"audio/aiff", ".aiff"},         {"audio/flac", ".flac"},
        {"audio/x-flac", ".flac"},    {"audio/ogg", ".ogg"},           {"audio/x-m4a", ".m4a"},
        {"audio/mp4", ".m4a"},        {"video/mp4", ".m4a"},           {"video/x-ms-asf", ".wma"},
        {"audio/x-ms-asf", ".wma"},   {"video/x-matroska", ".mka"},    {"audio/x-matroska", ".mka"},
        {"video/webm", ".webm"},      {"audio/webm", ".webm"},         {"audio/x-ape", ".ape"},
        {"audio/x-musepack", ".mpc"}, {"audio/x-hx-aac-adts", ".aac"}, {"audio/vnd.dolby.dd-raw", ".ac3"},
        {"audio/basic", ".au"}};
    const std::unique_ptr<magic_set, decltype(&magic_close)> magic(magic_open(MAGIC_MIME_TYPE), &magic_close);
    if (!magic || magic_load(magic.get(), nullptr) != 0) {
        throw Error(std::string("cannot load libmagic's file types: ") +
                    (magic ? magic_error(magic.get()) : "out of memory"));
    }
    const char* mime = magic_file(magic.get(), file.c_str());
    if (!mime) {
        throw Error("cannot tell the type of " + file.string() + ": " + magic_error(magic.get()));
    }
    const auto it = decoded.find(mime);
    return {mime, it == decoded.end() ? std::string() : it->second};
}

}  // namespace timbre::host
