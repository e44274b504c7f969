// SPDX-License-Identifier: GPL-3.0-or-later
// How far apart two tempi are when a listener hears 70 and 140 BPM as the same pulse: the
// distance of their ratio, in octaves, to the nearest whole number of octaves. Shared by the
// musical similarity metric and the playlist engine so both fold tempo alike.
#pragma once

#include <algorithm>
#include <cmath>

namespace timbre::music {

// `octaves` = log2 of a tempo ratio (any sign); the result is in [0, 0.5]: 0 for the same
// tempo or a doubling, 0.5 for a ratio of √2. NaN stays NaN.
inline double folded_octaves(double octaves) {
    const double apart = std::abs(octaves);
    return std::min(apart - std::floor(apart), std::ceil(apart) - apart);
}

}  // namespace timbre::music
