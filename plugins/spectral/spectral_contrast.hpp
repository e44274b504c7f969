// SPDX-License-Identifier: GPL-3.0-or-later
// Spectral contrast (Jiang et al. 2002) in octave bands, with librosa's band layout: band 0
// is [0, fmin], band k is [fmin 2^(k-1), fmin 2^k], the last band runs to Nyquist; each
// band's peak and valley are the mean of its top and bottom `quantile` of magnitudes.
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

class SpectralContrast {
public:
    SpectralContrast(const std::vector<double>& bin_hz, double fmin_hz, std::size_t bands, double quantile);
    std::size_t band_count() const { return bands_.size(); }
    // Peak and valley magnitudes of each band for one frame.
    void peaks_and_valleys(const float* magnitude, double* peaks, double* valleys) const;

private:
    struct Band {
        std::size_t first_bin;
        std::size_t bin_count;   // bins averaged from
        std::size_t take;        // how many of the highest / lowest to average
    };
    std::vector<Band> bands_;
};

}  // namespace timbre::plugins
