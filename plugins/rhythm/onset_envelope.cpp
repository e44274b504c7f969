// SPDX-License-Identifier: GPL-3.0-or-later
// Half-wave rectified first difference, averaged over bands.
#include "onset_envelope.hpp"

#include <algorithm>

namespace timbre::plugins {

std::vector<double> onset_strength(const Frames& log_mel) {
    std::vector<double> envelope(log_mel.frame_count(), 0.0);
    for (std::size_t t = 1; t < log_mel.frame_count(); ++t) {
        double sum = 0.0;
        for (std::size_t b = 0; b < log_mel.bin_count(); ++b) {
            sum += std::max(0.0f, log_mel.at(t, b) - log_mel.at(t - 1, b));
        }
        envelope[t] = sum / static_cast<double>(log_mel.bin_count());
    }
    return envelope;
}

}  // namespace timbre::plugins
