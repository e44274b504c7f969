// SPDX-License-Identifier: GPL-3.0-or-later
// The channel count a RIFF (or RF64/BW64) WAVE file's format chunk declares, read before JUCE
// parses the file. JUCE's WAV reader names every channel past the speaker mask's with the
// next value of an enum that ends at 255, so a header declaring more than 128 such channels
// makes it form values the enum cannot hold (undefined behaviour the decoding fuzzer found);
// the decoder refuses those headers first.
#pragma once

#include <filesystem>
#include <optional>

namespace timbre::host {

// The most channels a WAV file may declare and still be handed to JUCE's reader.
inline constexpr unsigned kMostWaveChannels = 128;

// nullopt when the file is not a WAVE file or its format chunk cannot be found.
std::optional<unsigned> wave_channel_count(const std::filesystem::path& file);

}  // namespace timbre::host
