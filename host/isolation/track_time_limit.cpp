// SPDX-License-Identifier: GPL-3.0-or-later
// The automatic limit is deliberately loose: it exists to end hangs (a plugin looping forever
// on one input), not to police slow tracks, so a 2-hour mix gets hours, a clip a few minutes.
#include "isolation/track_time_limit.hpp"

#include <cmath>
#include <spdlog/fmt/fmt.h>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
constexpr double kBaseSeconds = 60.0;
constexpr double kSecondsPerMebibyte = 1.0;
constexpr double kSlack = 10.0;
constexpr double kAssumedSpeed = 5.0;  // × real time, before any track has finished
}  // namespace

TrackTimeLimit TrackTimeLimit::parse(const std::string& text) {
    if (text == "auto") {
        return automatic();
    }
    std::size_t used = 0;
    double seconds = 0.0;
    try {
        seconds = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || !(seconds > 0.0) || !std::isfinite(seconds)) {
        throw Error("--track-timeout: '" + text + "' is neither 'auto' nor a number of seconds above 0");
    }
    return fixed(seconds);
}

double TrackTimeLimit::seconds_for(std::uintmax_t file_bytes, std::optional<double> audio_seconds) const {
    if (fixed_seconds_) {
        return *fixed_seconds_;
    }
    double limit = kBaseSeconds + kSecondsPerMebibyte * static_cast<double>(file_bytes) / (1024.0 * 1024.0);
    if (audio_seconds) {
        const double speed =
            elapsed_seconds_done_ > 0.0 ? audio_seconds_done_ / elapsed_seconds_done_ : kAssumedSpeed;
        limit += kSlack * *audio_seconds / speed;
    }
    return limit;
}

void TrackTimeLimit::record_finished(double audio_seconds, double elapsed_seconds) {
    audio_seconds_done_ += audio_seconds;
    elapsed_seconds_done_ += elapsed_seconds;
}

std::string TrackTimeLimit::describe() const {
    return fixed_seconds_ ? fmt::format("{:g} s per track", *fixed_seconds_)
                          : "automatic (60 s + 1 s per MiB + 10× the track's expected time)";
}

}  // namespace timbre::host
