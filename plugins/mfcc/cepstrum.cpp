// SPDX-License-Identifier: GPL-3.0-or-later
// DCT as a precomputed basis: with ~20 x 64 coefficients a matrix product per frame is as
// fast as an FFT-based DCT and has no plan to manage.
#include "cepstrum.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace timbre::plugins {

OrthonormalDct::OrthonormalDct(std::size_t inputs, std::size_t coefficients)
    : inputs_(inputs), coefficients_(coefficients), basis_(inputs * coefficients) {
    for (std::size_t k = 0; k < coefficients; ++k) {
        const double scale = std::sqrt((k == 0 ? 1.0 : 2.0) / inputs);
        for (std::size_t n = 0; n < inputs; ++n) {
            basis_[k * inputs + n] =
                static_cast<float>(scale * std::cos(std::numbers::pi * k * (2.0 * n + 1.0) / (2.0 * inputs)));
        }
    }
}

void OrthonormalDct::apply(const float* input, float* output) const {
    for (std::size_t k = 0; k < coefficients_; ++k) {
        const float* row = basis_.data() + k * inputs_;
        double sum = 0.0;
        for (std::size_t n = 0; n < inputs_; ++n) {
            sum += static_cast<double>(row[n]) * input[n];
        }
        output[k] = static_cast<float>(sum);
    }
}

std::vector<float> regression_deltas(const std::vector<float>& values, std::size_t frames, std::size_t bins,
                                     std::size_t width) {
    const auto half = static_cast<std::ptrdiff_t>(width / 2);
    const auto count = static_cast<std::ptrdiff_t>(frames);
    double denominator = 0.0;
    for (std::ptrdiff_t k = -half; k <= half; ++k) {
        denominator += static_cast<double>(k * k);
    }
    auto value = [&](std::ptrdiff_t frame, std::size_t bin) {
        return values[static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(frame, 0, count - 1)) * bins + bin];
    };
    auto slope_at = [&](std::ptrdiff_t centre, std::size_t bin) {
        double sum = 0.0;
        for (std::ptrdiff_t k = -half; k <= half; ++k) {
            sum += k * value(centre + k, bin);
        }
        return static_cast<float>(sum / denominator);
    };
    std::vector<float> deltas(values.size());
    const bool window_fits = count >= static_cast<std::ptrdiff_t>(width);
    for (std::ptrdiff_t f = 0; f < count; ++f) {
        std::ptrdiff_t centre = f;
        if (window_fits) {
            centre = std::clamp(f, half, count - 1 - half);
        }
        for (std::size_t b = 0; b < bins; ++b) {
            deltas[static_cast<std::size_t>(f) * bins + b] = slope_at(centre, b);
        }
    }
    return deltas;
}

}  // namespace timbre::plugins
