// Band-limited sample-rate conversion through libsamplerate (sinc interpolation), so that
// content above the new Nyquist frequency is filtered out instead of folding back as aliases.
#pragma once

#include <vector>

#include "decode/audio_decoder.hpp"

namespace timbre::host {

// Converts mono `samples` from from_hz to to_hz; returns them unchanged if the rates match.
std::vector<float> resample(std::vector<float> samples, double from_hz, double to_hz, ResampleQuality quality);

}  // namespace timbre::host
