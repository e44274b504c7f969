// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the decoding front (container sniffing, then JUCE's WAV/AIFF/FLAC/Ogg readers,
// libmpg123 or FFmpeg's allow-listed containers, WMA to DSD) on arbitrary bytes. Any file may
// be refused with a DecodeError or a timbre::Error; anything else escaping, a crash or a
// sanitizer report is a bug.
#include <cstdint>

#include "decode/audio_decoder.hpp"
#include "fuzz_input_file.hpp"

namespace {
// Reads every sample of every block, so a block pointing outside what was decoded is reported.
class SummedSource : public timbre::host::SourceReceiver {
public:
    void begin(std::size_t, double) override { sum_ = 0.0; }
    void add(const timbre::SourceBlock& block) override {
        for (std::size_t c = 0; c < block.channel_count; ++c) {
            for (std::size_t i = 0; i < block.frame_count; ++i) {
                sum_ += block.channels[c][i];
            }
        }
    }

private:
    double sum_ = 0.0;
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = timbre::fuzz::write_input_file(data, size,
                                                     {".wav", ".aiff", ".flac", ".ogg", ".mp3", ".opus", ".m4a", ".bin",
                                                      ".wma", ".wv", ".mka", ".ac3", ".aac", ".au", ".caf", ".tta"});
    try {
        SummedSource source;
        const auto decoded = timbre::host::decode_audio(file, 22050.0, {0.0, 30.0},
                                                        timbre::host::ResampleQuality::fastest, &source);
        (void)decoded;
    } catch (const timbre::Error&) {
    }
    return 0;
}
