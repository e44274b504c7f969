// SPDX-License-Identifier: GPL-3.0-or-later
// MP3 decoding through libmpg123 behind JUCE's reader interface. JUCE's own MP3 decoder
// was measured against ffmpeg and mpg123 on the demo library's MPEG-2 files: it yields ~0.7 s
// of extra audio and per-band level errors above 3 dB in 1% of mel bins, where mpg123 and
// ffmpeg agree to rounding. mpg123 also trims the encoder delay (gapless) and knows the
// frame size of every MPEG version.
#pragma once

#include <filesystem>
#include <memory>

namespace juce {
class AudioFormatReader;
}

namespace timbre::host {

// A reader for an MPEG audio file, or nullptr if libmpg123 cannot open it. lengthInSamples
// is what the file declares (Xing/LAME frame count, else an estimate from the bitrate); a
// read past the audio actually present returns false, so a cut file can be recognised.
std::unique_ptr<juce::AudioFormatReader> open_mpeg_audio(const std::filesystem::path& file);

}  // namespace timbre::host
