// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the decoding front (container sniffing, then JUCE's WAV/AIFF/FLAC/Ogg readers,
// libmpg123 or FFmpeg) on arbitrary bytes. Any file may be refused with a DecodeError or a
// timbre::Error; anything else escaping, a crash or a sanitizer report is a bug.
#include <cstdint>

#include "decode/audio_decoder.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file =
        timbre::fuzz::write_input_file(data, size, {".wav", ".aiff", ".flac", ".ogg", ".mp3", ".opus", ".m4a", ".bin"});
    try {
        const auto decoded = timbre::host::decode_audio(file, 22050.0, {0.0, 30.0},
                                                        timbre::host::ResampleQuality::fastest, true);
        (void)decoded;
    } catch (const timbre::Error&) {
    }
    return 0;
}
