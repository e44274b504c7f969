// SPDX-License-Identifier: GPL-3.0-or-later
// Band edges follow librosa.feature.spectral_contrast exactly, including its quirks: a band
// after the first also takes the bin just below its lower edge, and every band but the last
// drops its highest bin.
#include "spectral_contrast.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>

#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre::plugins {

SpectralContrast::SpectralContrast(const std::vector<double>& bin_hz, double fmin_hz, std::size_t bands, double quantile) {
    std::vector<double> edges{0.0};
    for (std::size_t k = 0; k <= bands; ++k) {
        edges.push_back(fmin_hz * std::pow(2.0, static_cast<double>(k)));
    }
    const double nyquist = bin_hz.back();
    if (edges[bands] >= nyquist) {
        throw Error("spectral contrast: band edge " + number_text(edges[bands]) + " Hz is above Nyquist " +
                    number_text(nyquist) + " Hz; lower contrast_fmin or contrast_bands");
    }
    for (std::size_t k = 0; k <= bands; ++k) {
        std::size_t first = bin_hz.size(), last = 0;
        for (std::size_t i = 0; i < bin_hz.size(); ++i) {
            if (bin_hz[i] >= edges[k] && bin_hz[i] <= edges[k + 1]) {
                first = std::min(first, i);
                last = std::max(last, i);
            }
        }
        if (k > 0) {
            first -= 1;
        }
        if (k == bands) {
            last = bin_hz.size() - 1;
        }
        const std::size_t selected = last - first + 1;
        const std::size_t used = k < bands ? selected - 1 : selected;
        const auto take = std::max<std::size_t>(1, static_cast<std::size_t>(std::nearbyint(quantile * selected)));
        bands_.push_back({first, used, take});
    }
}

void SpectralContrast::peaks_and_valleys(const float* magnitude, double* peaks, double* valleys) const {
    std::vector<float> lowest, highest;
    for (std::size_t b = 0; b < bands_.size(); ++b) {
        const Band& band = bands_[b];
        // Only the `take` smallest and largest matter, and `take` is a few bins: a bounded
        // heap rejects almost every bin with one comparison, faster than partitioning. Music's
        // spectrum falls with frequency inside a band, so the smallest are sought from the top
        // down and the largest from the bottom up: the heap fills with near-final values
        // first and later bins rarely enter it.
        lowest.resize(band.take);
        highest.resize(band.take);
        const float* first = magnitude + band.first_bin;
        const float* last = first + band.bin_count;
        std::partial_sort_copy(std::make_reverse_iterator(last), std::make_reverse_iterator(first), lowest.begin(),
                               lowest.end());
        std::partial_sort_copy(first, last, highest.begin(), highest.end(), std::greater<>());
        double low = 0.0, high = 0.0;
        for (std::size_t i = 0; i < band.take; ++i) {
            low += lowest[i];
            high += highest[i];
        }
        valleys[b] = low / band.take;
        peaks[b] = high / band.take;
    }
}

}  // namespace timbre::plugins
