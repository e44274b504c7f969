// SPDX-License-Identifier: GPL-3.0-or-later
// The chroma's harmonic mask against the definition computed the slow way: every window's
// median selected afresh, on spectra with ties and on windows cut short at the edges. The
// mask's time median is a median network, which a wrong exchange breaks for some inputs only.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "plugins/tonal/harmonic_mask.hpp"

using timbre::plugins::keep_harmonic_part;
using timbre::plugins::kHarmonicMedianFrames;

namespace {
// The upper median of the values (the middle one of an odd count).
float median_of(std::vector<float> values) {
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

std::vector<float> masked_the_slow_way(const std::vector<float>& power, std::size_t frames, std::size_t bins,
                                       std::size_t first_bin, std::size_t last_bin, std::size_t frequency_bins) {
    const std::size_t time_half = kHarmonicMedianFrames / 2, frequency_half = frequency_bins / 2;
    std::vector<float> out = power;
    for (std::size_t f = 0; f < frames; ++f) {
        for (std::size_t k = first_bin; k <= last_bin; ++k) {
            std::vector<float> along_time, along_frequency;
            for (std::size_t g = f >= time_half ? f - time_half : 0; g <= std::min(frames - 1, f + time_half); ++g) {
                along_time.push_back(power[g * bins + k]);
            }
            for (std::size_t j = k >= frequency_half ? k - frequency_half : 0;
                 j <= std::min(bins - 1, k + frequency_half); ++j) {
                along_frequency.push_back(power[f * bins + j]);
            }
            const float h = median_of(along_time), p = median_of(along_frequency);
            out[f * bins + k] *= h * h + p * p > 0.0f ? h * h / (h * h + p * p) : 0.0f;
        }
    }
    return out;
}
}  // namespace

TEST_CASE("the harmonic mask equals its definition with medians selected window by window", "[plugins][tonal]") {
    const bool with_ties = GENERATE(false, true);
    const std::size_t frames = GENERATE(3, 9, 40);
    CAPTURE(with_ties, frames);
    const std::size_t bins = 70, first_bin = 6, last_bin = 60, frequency_bins = 17;
    std::mt19937 generator(static_cast<unsigned>(frames * 2 + with_ties));
    std::uniform_real_distribution<float> continuous(0.0f, 1.0f);
    std::uniform_int_distribution<int> few_levels(0, 3);
    std::vector<float> power(frames * bins);
    for (float& value : power) {
        value = with_ties ? static_cast<float>(few_levels(generator)) : continuous(generator);
    }
    const auto expected = masked_the_slow_way(power, frames, bins, first_bin, last_bin, frequency_bins);
    keep_harmonic_part(power, frames, bins, first_bin, last_bin, frequency_bins);
    CHECK(power == expected);
}
