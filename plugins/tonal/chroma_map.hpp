// SPDX-License-Identifier: GPL-3.0-or-later
// Pitch-class profile from a power spectrum: every FFT bin between fmin and fmax adds its
// power to the pitch class of the nearest semitone, after the reference A4 is shifted by the
// track's estimated tuning, so a recording tuned 30 cents flat still lands in the right bins.
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

// Tuning offset in cents from A440, in [-50, 50): the power-weighted circular mean of the
// deviation of spectral peaks from the equal-tempered grid, gathered a frame at a time.
class TuningEstimate {
public:
    TuningEstimate(double sample_rate_hz, std::size_t frame_size, double fmin_hz, double fmax_hz);
    // One power-spectrum frame of frame_size / 2 + 1 bins.
    void add_frame(const float* power);
    double cents() const;

private:
    double sample_rate_hz_;
    std::size_t frame_size_;
    std::size_t low_, high_;  // the bins searched for peaks
    double x_ = 0.0, y_ = 0.0;
};

class ChromaMap {
public:
    ChromaMap(std::size_t frame_size, double sample_rate_hz, double fmin_hz, double fmax_hz, double tuning_cents);
    // chroma[0..11] (C, C#, ..., B) of one power-spectrum frame, scaled so the largest is 1
    // (all zero for a silent frame). `power[0]` is the spectrum's bin `power_first_bin`
    // (0 for a whole frame; more for a band cut from it, which must hold fmin..fmax).
    void apply(const float* power, std::size_t power_first_bin, float* chroma) const;

private:
    std::size_t first_bin_ = 0;
    std::vector<int> pitch_class_;  // for bins first_bin_, first_bin_ + 1, ...
};

}  // namespace timbre::plugins
