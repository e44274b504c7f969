// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a file's content is MPEG audio (MP1/2/3), judged by FFmpeg's probe on the bytes
// alone. It replaces JUCE's MP3 format as the recogniser: that one decodes a frame to say
// yes, and the decoding fuzzer found it reading out of bounds on a crafted Layer III frame.
#pragma once

#include <filesystem>

namespace timbre::host {

// True when FFmpeg's probe names MPEG audio with more than a guess's confidence, an ID3v2
// tag of any size skipped first. The file name plays no part: random bytes called .mp3 are
// not MPEG audio.
bool holds_mpeg_audio(const std::filesystem::path& file);

}  // namespace timbre::host
