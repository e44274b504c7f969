// SPDX-License-Identifier: GPL-3.0-or-later
// Ogg (Vorbis, Opus) and MP4/M4A (AAC, ALAC) decoding through FFmpeg's libavformat and
// libavcodec behind JUCE's reader interface. For Ogg Vorbis this replaces JUCE's path to
// libvorbis because FFmpeg's own Vorbis decoder measured 2x faster on the demo library
// (decoding was the largest cost of configs/features.yaml); Opus and MP4 are formats JUCE
// cannot read at all.
#pragma once

#include <filesystem>
#include <memory>

namespace juce {
class AudioFormatReader;
}

namespace timbre::host {

// A reader for the first audio stream of an Ogg or MP4-family file, or nullptr if the file
// is not one of those containers or holds no audio FFmpeg can decode. lengthInSamples is the
// container's declared duration; a read past the audio actually present returns false.
std::unique_ptr<juce::AudioFormatReader> open_ffmpeg_audio(const std::filesystem::path& file);

}  // namespace timbre::host
