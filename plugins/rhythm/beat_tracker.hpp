// SPDX-License-Identifier: GPL-3.0-or-later
// Beat positions by dynamic programming (Ellis 2007): the beat sequence that best balances
// landing on strong onsets against keeping inter-beat intervals close to the tempo's period.
#pragma once

#include <vector>

namespace timbre::plugins {

// Frame indices of beats. period_frames > 0; tightness weighs regularity against onsets.
std::vector<double> track_beats(const std::vector<double>& envelope, double period_frames, double tightness);

}  // namespace timbre::plugins
