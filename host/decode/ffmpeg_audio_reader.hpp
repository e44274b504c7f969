// SPDX-License-Identifier: GPL-3.0-or-later
// Decoding through FFmpeg's libavformat and libavcodec behind JUCE's reader interface, for
// every audio format JUCE cannot read: Opus, MP4/M4A (AAC, ALAC), WMA, WavPack, Monkey's
// Audio, Musepack, Matroska and WebM, TTA, AC-3, DTS, CAF, AU, DSD and WAV/AIFF codecs
// beyond PCM. For Ogg Vorbis it also replaces JUCE's path to libvorbis, because FFmpeg's own
// Vorbis decoder measured 2x faster on the demo library (decoding was the largest cost of
// configs/features.yaml).
#pragma once

#include <filesystem>
#include <memory>

namespace juce {
class AudioFormatReader;
}

namespace timbre::host {

// A reader for the best audio stream of a file in one of those containers, or nullptr if it
// is in none of them. Throws DecodeError (saying which) for such a file that holds no audio
// stream, or audio no decoder here reads. lengthInSamples is the container's declared
// duration (the packets' own, counted, where it only estimated one from the bitrate); a read
// past the audio actually present returns false.
std::unique_ptr<juce::AudioFormatReader> open_ffmpeg_audio(const std::filesystem::path& file);

}  // namespace timbre::host
