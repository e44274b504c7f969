// SPDX-License-Identifier: GPL-3.0-or-later
// Band-limited sample-rate conversion through libsoxr, so that content above the new
// Nyquist frequency is filtered out instead of folding back as aliases. soxr is chosen over
// libsamplerate: at equal or better stop-band rejection it is ~20x faster, and resampling
// was the largest cost of analysing a 48 kHz track. It streams: the decoder pushes each
// block as it decodes, so no whole-track copy at the source rate is ever held.
#pragma once

#include <cstddef>
#include <vector>

#include "decode/audio_decoder.hpp"

typedef struct soxr* soxr_t;

namespace timbre::host {

// Converts one mono stream from from_hz to to_hz (a copy when the rates match).
// Quality: fastest = soxr LQ (16-bit, wider roll-off), medium = HQ (20-bit), best = VHQ (28-bit).
class Resampler {
public:
    Resampler(double from_hz, double to_hz, ResampleQuality quality);
    ~Resampler();
    Resampler(const Resampler&) = delete;
    Resampler& operator=(const Resampler&) = delete;

    // Appends to `out` what `count` more input samples give.
    void push(const float* samples, std::size_t count, std::vector<float>& out);
    // Appends the filter's delayed tail; call once, after the last push.
    void finish(std::vector<float>& out);

private:
    void drain(const float* samples, std::size_t count, std::vector<float>& out);

    double ratio_;
    soxr_t soxr_ = nullptr;  // null when the rates match
};

}  // namespace timbre::host
