// SPDX-License-Identifier: GPL-3.0-or-later
// The two pieces of MFCC after the mel spectrogram: an orthonormal DCT-II over the log-mel
// bands, and regression deltas over time (the local slope of each coefficient).
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

// y[k] = s(k) * sum_n x[n] cos(pi k (2n+1) / 2N), s(0) = sqrt(1/N), s(k>0) = sqrt(2/N):
// the orthonormal DCT-II (scipy.fft.dct(type=2, norm="ortho")), first `coefficients` outputs.
class OrthonormalDct {
public:
    OrthonormalDct(std::size_t inputs, std::size_t coefficients);
    void apply(const float* input, float* output) const;

private:
    std::size_t inputs_;
    std::size_t coefficients_;
    std::vector<float> basis_;  // coefficients x inputs
};

// Per column of a frames x bins matrix, the least-squares slope over a centred window of
// `width` frames (odd). Near the edges, where the centred window does not fit, the slope of
// the first/last `width` frames is used, as scipy's savgol_filter(deriv=1, mode="interp")
// does. Fewer frames than `width`: edge frames are repeated to fill the window.
std::vector<float> regression_deltas(const std::vector<float>& values, std::size_t frames, std::size_t bins,
                                     std::size_t width);

}  // namespace timbre::plugins
