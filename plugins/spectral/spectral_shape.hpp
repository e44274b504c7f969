// SPDX-License-Identifier: GPL-3.0-or-later
// Frame-wise descriptors of the magnitude spectrum's shape and of the waveform, defined as
// librosa defines them (so NumPy re-implementations of librosa's formulas can check them).
// Every function takes one frame; units are in the names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace timbre::plugins {

// Magnitudes |X(k)| of one frame and the centre frequency of each bin in Hz.
struct SpectrumFrame {
    const float* magnitude;
    const std::vector<double>& bin_hz;
};

// sum(f * S) / sum(S); 0 for a silent frame.
double centroid_hz(const SpectrumFrame& frame);
// sqrt(sum(S / sum(S) * (f - centroid)^2)); 0 for a silent frame.
double bandwidth_hz(const SpectrumFrame& frame, double centroid);
// Lowest bin frequency where the cumulative magnitude reaches `fraction` of the total.
double rolloff_hz(const SpectrumFrame& frame, double fraction);
// Geometric over arithmetic mean of max(1e-10, S^2): 1 for white noise, -> 0 for a pure tone.
double flatness(const SpectrumFrame& frame);
// sqrt(sum(max(0, S_t - S_{t-1})^2)): how much new energy appears, per frame.
double positive_flux(const SpectrumFrame& frame, const float* previous_magnitude);

// Waveform frames as librosa frames them with center=True: frame i spans samples
// [i*hop - size/2, i*hop + size/2). Both measures are answered from prefix sums over a
// stretch of the signal around the frames asked for (rebuilt as frames move on), so each
// frame costs O(1) instead of O(size) and a 2-hour track holds a few MB of sums, not GBs.
// Frames are asked for in increasing order; any order is answered, just more slowly.
class WaveformFrames {
public:
    explicit WaveformFrames(const std::vector<float>& samples);
    // Fraction of the size-1 adjacent pairs whose sign differs (|x| <= 1e-10 counts as
    // positive), over `size`; samples outside the signal repeat the edge sample.
    double zero_crossing_rate(std::ptrdiff_t start, std::size_t size);
    // Root mean square; samples outside the signal count as zero.
    double rms(std::ptrdiff_t start, std::size_t size);

private:
    // Rebuilds the sums, if needed, so that they cover samples [first, last).
    void cover(std::ptrdiff_t first, std::ptrdiff_t last);

    const std::vector<float>& samples_;
    std::ptrdiff_t base_ = 0;           // the sums start at this sample
    std::vector<double> energy_;        // energy_[i] = sum of x^2 over samples [base_, base_ + i)
    std::vector<std::uint32_t> flips_;  // flips_[i] = number of k in [base_, base_ + i) whose pair (k-1, k) changes sign
};

}  // namespace timbre::plugins
