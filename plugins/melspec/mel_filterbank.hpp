// SPDX-License-Identifier: GPL-3.0-or-later
// Triangular mel filters on the Slaney mel scale with Slaney area normalisation, the
// definition librosa uses by default, so timbre's mel features can be checked against it.
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

class MelFilterbank {
public:
    // bands filters between fmin_hz and fmax_hz over the bins of a frame_size-point FFT
    // at sample_rate_hz.
    MelFilterbank(std::size_t bands, std::size_t frame_size, double sample_rate_hz, double fmin_hz, double fmax_hz);

    // mel[b] = sum_k weight[b][k] * power[k]; power has frame_size/2+1 bins, mel has bands.
    void apply(const float* power, float* mel) const;
    std::size_t bands() const { return filters_.size(); }

private:
    struct Filter {
        std::size_t first_bin = 0;
        std::vector<float> weights;  // for bins first_bin, first_bin+1, ...
    };
    std::vector<Filter> filters_;
};

double hz_to_mel(double hz);
double mel_to_hz(double mel);

}  // namespace timbre::plugins
