// SPDX-License-Identifier: GPL-3.0-or-later
// The bar is redrawn in place with a carriage return; failures are always printed on their
// own line (through the logger) so they are not overwritten.
#include "cli/progress_display.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <string>

namespace timbre::host {

namespace {
std::string clock_text(double seconds) {
    const auto total = static_cast<long>(seconds + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}
}  // namespace

ProgressDisplay::ProgressDisplay(std::size_t total, bool interactive) : total_(total), interactive_(interactive) {}

void ProgressDisplay::update(const TrackResult& result) {
    ++done_;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double rate = elapsed > 0 ? done_ / elapsed : 0.0;
    const double eta = rate > 0 ? (total_ - done_) / rate : 0.0;
    if (interactive_ && (result.status == TrackStatus::failed || !result.warnings.empty())) {
        std::fprintf(stderr, "\r\033[K");
    }
    for (const auto& warning : result.warnings) {
        spdlog::warn("[{}/{}] {}: {}", done_, total_, result.path.string(), warning);
    }
    if (result.status == TrackStatus::failed) {
        spdlog::warn("[{}/{}] failed: {}: {}", done_, total_, result.path.string(), result.error);
    } else if (!interactive_) {
        spdlog::info("[{}/{}] {}: {} ({:.1f} s of audio in {:.2f} s)", done_, total_, to_string(result.status),
                     result.path.string(), result.analysed_seconds, result.elapsed_seconds);
        for (const auto& [node, reason] : result.skipped_nodes) {
            spdlog::info("[{}/{}]   optional node '{}' skipped: {}", done_, total_, node, reason);
        }
    }
    if (interactive_) {
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(kWidth * done_ / std::max<std::size_t>(total_, 1));
        std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu  %.2f tracks/s  ETA %s", std::string(filled, '#').c_str(),
                     std::string(kWidth - filled, '.').c_str(), done_, total_, rate, clock_text(eta).c_str());
        std::fflush(stderr);
    }
}

void ProgressDisplay::finish() {
    if (interactive_) {
        std::fprintf(stderr, "\n");
    }
}

}  // namespace timbre::host
