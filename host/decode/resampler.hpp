// SPDX-License-Identifier: GPL-3.0-or-later
// Band-limited sample-rate conversion through libsoxr, so that content above the new
// Nyquist frequency is filtered out instead of folding back as aliases. soxr is chosen over
// libsamplerate: at equal or better stop-band rejection it is ~20x faster, and resampling
// was the largest cost of analysing a 48 kHz track.
#pragma once

#include <vector>

#include "decode/audio_decoder.hpp"

namespace timbre::host {

// Converts mono `samples` from from_hz to to_hz; returns them unchanged if the rates match.
// Quality: fastest = soxr LQ (16-bit, wider roll-off), medium = HQ (20-bit), best = VHQ (28-bit).
std::vector<float> resample(std::vector<float> samples, double from_hz, double to_hz, ResampleQuality quality);

}  // namespace timbre::host
