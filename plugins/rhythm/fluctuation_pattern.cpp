// SPDX-License-Identifier: GPL-3.0-or-later
// Each band's loudness (the mean dB of its mel bands, less its mean over the track) is cut into
// segments overlapping by half, and each segment's modulation spectrum is the windowed power
// spectrum that timbre::dsp::PowerSpectrogram computes for audio, here over a signal sampled at
// the mel frame rate. Only whole segments count, unless the track is shorter than one.
#include "fluctuation_pattern.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "timbre/dsp/spectrogram.hpp"
#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre::plugins {

double fluctuation_strength(double hz) { return 2.0 / (hz / 4.0 + 4.0 / hz); }

std::vector<double> modulation_bin_centres(const FluctuationSettings& settings) {
    std::vector<double> centres;
    for (std::size_t j = 0; j < settings.modulation_bins; ++j) {
        centres.push_back((static_cast<double>(j) + 0.5) * settings.max_hz /
                          static_cast<double>(settings.modulation_bins));
    }
    return centres;
}

std::vector<double> fluctuation_pattern(const Frames& log_mel, const FluctuationSettings& settings) {
    const double fps = 1.0 / log_mel.hop_seconds();
    if (settings.max_hz >= fps / 2.0) {
        throw InputError("max_hz " + number_text(settings.max_hz) + " Hz needs mel frames faster than " +
                         number_text(2.0 * settings.max_hz) + " per second; these come " + number_text(fps) +
                         " per second");
    }
    const std::size_t length = 2 * static_cast<std::size_t>(std::lround(settings.segment_seconds * fps / 2.0));
    const double bin_width = settings.max_hz / static_cast<double>(settings.modulation_bins);
    if (length < 4 || fps / static_cast<double>(length) > bin_width) {
        throw InputError("segments of " + number_text(settings.segment_seconds) + " s cannot resolve " +
                         std::to_string(settings.modulation_bins) + " modulation bins up to " +
                         number_text(settings.max_hz) + " Hz: make them at least " +
                         number_text(settings.modulation_bins / settings.max_hz) + " s");
    }
    if (log_mel.bin_count() < settings.bands) {
        throw InputError("fluctuation patterns of " + std::to_string(settings.bands) +
                         " bands need at least as many "
                         "mel bands, got " +
                         std::to_string(log_mel.bin_count()));
    }
    const std::size_t frames = log_mel.frame_count(), mel_bands = log_mel.bin_count();
    const std::size_t bins = settings.modulation_bins;
    // Which output bin each FFT bin up to max_hz falls in: (j w, (j + 1) w], so that every
    // output bin holds at least one FFT bin when the FFT's spacing is at most w.
    std::vector<std::size_t> output_bin;
    std::vector<double> weight;
    for (std::size_t k = 1; static_cast<double>(k) * fps / static_cast<double>(length) <= settings.max_hz; ++k) {
        const double hz = static_cast<double>(k) * fps / static_cast<double>(length);
        output_bin.push_back(static_cast<std::size_t>(std::ceil(hz / bin_width - 1e-9)) - 1);
        weight.push_back(fluctuation_strength(hz));
    }
    std::vector<std::size_t> per_bin(bins, 0);
    for (std::size_t j : output_bin) {
        ++per_bin[j];
    }
    const dsp::PowerSpectrogram spectrum(length, length / 2);
    // A Hann window passes a sinusoid of amplitude A as |X| = A * length / 4.
    const double amplitude_scale = 4.0 / static_cast<double>(length);
    // segments[cell] lists each segment's value of (band, bin).
    std::vector<std::vector<double>> segments(settings.bands * bins);
    std::vector<float> loudness(frames);
    for (std::size_t band = 0; band < settings.bands; ++band) {
        const std::size_t first = band * mel_bands / settings.bands, last = (band + 1) * mel_bands / settings.bands;
        double mean = 0.0;
        for (std::size_t t = 0; t < frames; ++t) {
            double sum = 0.0;
            for (std::size_t b = first; b < last; ++b) {
                sum += log_mel.at(t, b);
            }
            loudness[t] = static_cast<float>(sum / static_cast<double>(last - first));
            mean += loudness[t];
        }
        mean /= static_cast<double>(std::max<std::size_t>(1, frames));
        for (float& value : loudness) {
            value -= static_cast<float>(mean);
        }
        const bool whole_segments = frames >= length;
        std::vector<double> pooled(bins);
        spectrum.for_each_frame(Audio(loudness, fps), [&](std::size_t segment, const float* power) {
            const std::size_t centre = segment * length / 2;
            if (whole_segments && (centre < length / 2 || centre + length / 2 > frames)) {
                return;
            }
            std::fill(pooled.begin(), pooled.end(), 0.0);
            for (std::size_t k = 0; k < output_bin.size(); ++k) {
                pooled[output_bin[k]] += weight[k] * std::sqrt(power[k + 1]) * amplitude_scale;
            }
            for (std::size_t j = 0; j < bins; ++j) {
                segments[band * bins + j].push_back(pooled[j] / static_cast<double>(per_bin[j]));
            }
        });
    }
    std::vector<double> pattern;
    for (auto& values : segments) {
        const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
        std::nth_element(values.begin(), middle, values.end());
        pattern.push_back(values.empty() ? 0.0 : *middle);
    }
    return pattern;
}

}  // namespace timbre::plugins
