// SPDX-License-Identifier: GPL-3.0-or-later
// Onset strength: how much new energy appears in each frame, summed over mel bands
// (librosa.onset.onset_strength's definition on a log-mel spectrogram in dB).
#pragma once

#include <vector>

#include "timbre/values.hpp"

namespace timbre::plugins {

// mean over bands of max(0, mel[t][b] - mel[t-1][b]); 0 for the first frame.
std::vector<double> onset_strength(const Frames& log_mel);

}  // namespace timbre::plugins
