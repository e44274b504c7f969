// SPDX-License-Identifier: GPL-3.0-or-later
// Triangular mel filters with Slaney area normalisation, on the Slaney mel scale (librosa's
// default, so timbre's mel features can be checked against it) or the HTK one (logarithmic
// at every frequency, as Musly and HTK use).
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

enum class MelScale { slaney, htk };

class MelFilterbank {
public:
    // bands filters between fmin_hz and fmax_hz, equally spaced on `scale`, over the bins of
    // a frame_size-point FFT at sample_rate_hz.
    MelFilterbank(std::size_t bands, std::size_t frame_size, double sample_rate_hz, double fmin_hz, double fmax_hz,
                  MelScale scale = MelScale::slaney);

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

double hz_to_mel(double hz, MelScale scale);
double mel_to_hz(double mel, MelScale scale);

}  // namespace timbre::plugins
