// SPDX-License-Identifier: GPL-3.0-or-later
// Cumulative score: score[t] = onset[t] + max over previous beat tau in [t - 2P, t - P/2] of
// score[tau] - tightness * log((t - tau) / P)^2; the last beat is the best-scoring frame in
// the final period, and the sequence is read back through the stored predecessors.
#include "beat_tracker.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

std::vector<double> track_beats(const std::vector<double>& envelope, double period_frames, double tightness) {
    const std::size_t frames = envelope.size();
    if (frames == 0) {
        return {};
    }
    double peak = 0.0;
    for (double value : envelope) {
        peak = std::max(peak, value);
    }
    std::vector<double> onset(envelope);
    if (peak > 0.0) {
        for (double& value : onset) {
            value /= peak;
        }
    }
    std::vector<double> score(frames);
    std::vector<std::ptrdiff_t> previous(frames, -1);
    for (std::size_t t = 0; t < frames; ++t) {
        const auto earliest = static_cast<std::ptrdiff_t>(std::floor(static_cast<double>(t) - 2.0 * period_frames));
        const auto latest = static_cast<std::ptrdiff_t>(std::ceil(static_cast<double>(t) - period_frames / 2.0));
        double best = 0.0;
        std::ptrdiff_t best_tau = -1;
        for (std::ptrdiff_t tau = std::max<std::ptrdiff_t>(0, earliest); tau <= latest; ++tau) {
            const double interval = std::log(static_cast<double>(static_cast<std::ptrdiff_t>(t) - tau) / period_frames);
            const double candidate = score[static_cast<std::size_t>(tau)] - tightness * interval * interval;
            if (best_tau < 0 || candidate > best) {
                best = candidate;
                best_tau = tau;
            }
        }
        score[t] = onset[t] + (best_tau >= 0 ? std::max(0.0, best) : 0.0);
        previous[t] = best_tau >= 0 && best > 0.0 ? best_tau : -1;
    }
    const auto tail_start = static_cast<std::size_t>(
        std::max(0.0, static_cast<double>(frames) - std::ceil(period_frames)));
    std::size_t last = tail_start;
    for (std::size_t t = tail_start; t < frames; ++t) {
        if (score[t] > score[last]) {
            last = t;
        }
    }
    std::vector<double> beats;
    for (auto t = static_cast<std::ptrdiff_t>(last); t >= 0; t = previous[static_cast<std::size_t>(t)]) {
        beats.push_back(static_cast<double>(t));
    }
    std::reverse(beats.begin(), beats.end());
    return beats;
}

}  // namespace timbre::plugins
