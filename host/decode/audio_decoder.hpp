// SPDX-License-Identifier: GPL-3.0-or-later
// Turns an audio file into the mono, fixed-rate PCM a pipeline asks for. This is the only
// door to JUCE: it lives in the timbre-audio shared library, so JUCE is compiled once and
// no JUCE type appears in this header.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "timbre/error.hpp"
#include "timbre/source_stream.hpp"
#include "timbre/values.hpp"

namespace timbre::host {

// Which part of a file to decode, in seconds of the source.
struct DecodeWindow {
    double offset_seconds = 0.0;
    std::optional<double> duration_seconds;
};

enum class ResampleQuality { fastest, medium, best };

struct DecodedAudio {
    Audio audio;                       // mono, at the requested rate
    std::string format;                // "Ogg-Vorbis file", "MP3 file", ...
    double source_rate_hz = 0.0;
    int source_channels = 0;
    double source_duration_seconds = 0.0;  // of the whole file, not just the window
    // What the file got wrong without stopping its analysis, one sentence each: "the MP3
    // header suggests 0.73 s but its stream holds 0.52 s, all of it decoded ...".
    std::vector<std::string> warnings;
};

// A file that cannot be decoded; what() says why in words a user can act on.
class DecodeError : public Error {
public:
    using Error::Error;
};

// Takes the window's original channels, at the source rate, a block at a time while the file
// decodes: whoever needs them (loudness) measures them as they pass and nobody holds them.
class SourceReceiver {
public:
    virtual ~SourceReceiver() = default;
    virtual void begin(std::size_t channel_count, double sample_rate_hz) = 0;
    virtual void add(const SourceBlock& block) = 0;
};

// Decodes `file` (any format the reason for an unreadable file lists), averages its channels
// to mono and resamples to target_rate_hz with a band-limited resampler, one block at a time:
// what it holds is the result, never a whole-track copy at the source rate. With `source`,
// also hands that receiver the original channels. Thread-safe.
DecodedAudio decode_audio(const std::filesystem::path& file, double target_rate_hz, const DecodeWindow& window,
                          ResampleQuality quality, SourceReceiver* source = nullptr);

// What decode_audio does after decoding, for samples already in memory (the Python module's
// NumPy arrays): `channels[c][i]` for i < frames, averaged to mono and resampled to
// target_rate_hz block by block, the channels handed to `source` as they pass.
Audio downmix_samples(const float* const* channels, std::size_t channel_count, std::size_t frames,
                      double sample_rate_hz, double target_rate_hz, ResampleQuality quality,
                      SourceReceiver* source = nullptr);

}  // namespace timbre::host
