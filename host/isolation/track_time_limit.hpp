// SPDX-License-Identifier: GPL-3.0-or-later
// How long one track may take in an isolated worker before the worker is stopped and the
// track failed. Either a fixed number of seconds (`--track-timeout 300`) or automatic: a
// generous multiple of what a track of its length takes at the speed this run has shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace timbre::host {

class TrackTimeLimit {
public:
    // 60 s, plus 1 s per MiB of file (reading and decoding), plus, once the audio's length
    // is known, 10 times what it should take at the run's measured speed (5× real time
    // assumed until a track has finished).
    static TrackTimeLimit automatic() { return TrackTimeLimit(std::nullopt); }
    static TrackTimeLimit fixed(double seconds) { return TrackTimeLimit(seconds); }
    // "auto" or a number of seconds > 0; throws timbre::Error naming the text otherwise.
    static TrackTimeLimit parse(const std::string& text);

    // The limit for a track of `file_bytes`, with `audio_seconds` to analyse once decoded.
    double seconds_for(std::uintmax_t file_bytes, std::optional<double> audio_seconds) const;

    // A finished track: the automatic limit follows the speed measured so far.
    void record_finished(double audio_seconds, double elapsed_seconds);

    std::string describe() const;

private:
    explicit TrackTimeLimit(std::optional<double> fixed_seconds) : fixed_seconds_(fixed_seconds) {}
    std::optional<double> fixed_seconds_;
    double audio_seconds_done_ = 0.0;
    double elapsed_seconds_done_ = 0.0;
};

}  // namespace timbre::host
