// SPDX-License-Identifier: GPL-3.0-or-later
// How long FFmpeg's demuxer expects a file's audio to be: from a frame-count header (Xing,
// Info, VBRI) when the file has one, else estimated from the audio bytes and the bitrate, as
// players do. The decoder asks it when an MP3 stream ends before libmpg123's declared length,
// whose estimate counts tag bytes as audio: the two disagree only about such estimates.
#pragma once

#include <filesystem>
#include <optional>

namespace timbre::host {

// Seconds, or nullopt when FFmpeg cannot open the file or names no duration.
std::optional<double> expected_duration_seconds(const std::filesystem::path& file);

}  // namespace timbre::host
