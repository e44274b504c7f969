// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.spectral: the classic frame-wise timbre descriptors in one pass over one STFT:
// centroid, bandwidth, roll-off, flatness, flux, zero-crossing rate, RMS, and octave-band
// spectral contrast. Definitions follow librosa's defaults so they can be checked against it.
#include <algorithm>
#include <cmath>
#include <optional>

#include "spectral_contrast.hpp"
#include "spectral_shape.hpp"
#include "timbre/dsp/spectrogram.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor spectral_descriptor() {
    return Descriptor{
        "timbre.spectral",
        "1.0.0",
        Kind::extractor,
        "Spectral centroid, bandwidth, roll-off, flatness, flux, zero-crossing rate, RMS and contrast per frame",
        {{"audio", PortType::audio, "mono audio"}},
        {{"features", PortType::frames,
          "per frame: centroid_hz, bandwidth_hz, rolloff_hz (Hz); flatness (0..1); flux (magnitude units); "
          "zcr (crossings per sample, 0..1); rms (linear amplitude)"},
         {"contrast", PortType::frames, "peak-minus-valley level per octave band, dB (bins contrast0..)"}},
        {
            {"frame_size", ParamType::integer, std::int64_t{2048}, 64, 65536, {}, "samples", "FFT and frame length (even)"},
            {"hop_size", ParamType::integer, std::int64_t{512}, 1, 65536, {}, "samples", "distance between frame centres"},
            {"rolloff", ParamType::real, 0.85, 0.01, 0.99, {}, "", "fraction of total magnitude below the roll-off"},
            {"contrast_fmin", ParamType::real, 200.0, 20.0, 5000.0, {}, "Hz", "upper edge of the lowest contrast band"},
            {"contrast_bands", ParamType::integer, std::int64_t{6}, 1, 10, {}, "", "octave bands above contrast_fmin"},
            {"contrast_quantile", ParamType::real, 0.02, 0.001, 0.5, {}, "", "share of a band averaged for peak/valley"},
        }};
}

const std::vector<std::string> kFeatureNames{"centroid_hz", "bandwidth_hz", "rolloff_hz", "flatness",
                                             "flux",        "zcr",          "rms"};

// 10*log10(max(1e-10, x)) floored at 80 dB below the largest value, as librosa.power_to_db.
void to_decibels(std::vector<double>& values) {
    double loudest = -INFINITY;
    for (double& value : values) {
        value = 10.0 * std::log10(std::max(1e-10, value));
        loudest = std::max(loudest, value);
    }
    for (double& value : values) {
        value = std::max(value, loudest - 80.0);
    }
}

class Spectral : public Plugin {
public:
    void configure(const Params& params) override {
        frame_size_ = static_cast<std::size_t>(params.integer("frame_size"));
        hop_size_ = static_cast<std::size_t>(params.integer("hop_size"));
        if (frame_size_ % 2 != 0) {
            throw ParameterError("frame_size", "must be even, got " + std::to_string(frame_size_));
        }
        spectrogram_.emplace(frame_size_, hop_size_);
        rolloff_ = params.real("rolloff");
        contrast_fmin_ = params.real("contrast_fmin");
        contrast_bands_ = static_cast<std::size_t>(params.integer("contrast_bands"));
        contrast_quantile_ = params.real("contrast_quantile");
    }

    Outputs process(const Inputs& inputs) override {
        const Audio& audio = inputs.get<Audio>("audio");
        prepare(audio.sample_rate_hz());
        const std::size_t frames = spectrogram_->frame_count(audio.samples().size());
        const std::size_t bins = bin_hz_.size();
        const std::size_t bands = contrast_->band_count();
        std::vector<float> features(frames * kFeatureNames.size());
        std::vector<double> peaks(frames * bands), valleys(frames * bands);
        const auto half = static_cast<std::ptrdiff_t>(frame_size_ / 2);
        WaveformFrames waveform(audio.samples());
        std::vector<float> magnitude(bins), previous(bins);
        spectrogram_->for_each_frame(audio, [&](std::size_t f, const float* power) {
            for (std::size_t k = 0; k < bins; ++k) {
                magnitude[k] = std::sqrt(power[k]);
            }
            const SpectrumFrame frame{magnitude.data(), bin_hz_};
            const double centroid = centroid_hz(frame);
            const std::ptrdiff_t start = static_cast<std::ptrdiff_t>(f * hop_size_) - half;
            float* row = features.data() + f * kFeatureNames.size();
            row[0] = static_cast<float>(centroid);
            row[1] = static_cast<float>(bandwidth_hz(frame, centroid));
            row[2] = static_cast<float>(rolloff_hz(frame, rolloff_));
            row[3] = static_cast<float>(flatness(frame));
            row[4] = static_cast<float>(positive_flux(frame, f > 0 ? previous.data() : nullptr));
            row[5] = static_cast<float>(waveform.zero_crossing_rate(start, frame_size_));
            row[6] = static_cast<float>(waveform.rms(start, frame_size_));
            contrast_->peaks_and_valleys(frame.magnitude, peaks.data() + f * bands, valleys.data() + f * bands);
            magnitude.swap(previous);
        });
        to_decibels(peaks);
        to_decibels(valleys);
        std::vector<float> contrast(frames * bands);
        for (std::size_t i = 0; i < contrast.size(); ++i) {
            contrast[i] = static_cast<float>(peaks[i] - valleys[i]);
        }
        std::vector<std::string> contrast_names;
        for (std::size_t b = 0; b < bands; ++b) {
            contrast_names.push_back("contrast" + std::to_string(b));
        }
        Outputs outputs;
        const double hop = static_cast<double>(hop_size_) / audio.sample_rate_hz();
        outputs.put("features", Frames(frames, kFeatureNames.size(), hop, std::move(features), kFeatureNames));
        outputs.put("contrast", Frames(frames, bands, hop, std::move(contrast), std::move(contrast_names)));
        return outputs;
    }

private:
    // Bin frequencies and contrast bands depend only on the sample rate (fixed per pipeline).
    void prepare(double sample_rate_hz) {
        if (contrast_ && sample_rate_hz == prepared_rate_) {
            return;
        }
        bin_hz_.resize(frame_size_ / 2 + 1);
        for (std::size_t k = 0; k < bin_hz_.size(); ++k) {
            bin_hz_[k] = k * sample_rate_hz / frame_size_;
        }
        try {
            contrast_.emplace(bin_hz_, contrast_fmin_, contrast_bands_, contrast_quantile_);
        } catch (const Error& error) {
            throw InputError(error.what());
        }
        prepared_rate_ = sample_rate_hz;
    }

    std::size_t frame_size_ = 2048;
    std::size_t hop_size_ = 512;
    double rolloff_ = 0.85;
    double contrast_fmin_ = 200.0;
    std::size_t contrast_bands_ = 6;
    double contrast_quantile_ = 0.02;
    std::optional<dsp::PowerSpectrogram> spectrogram_;
    std::vector<double> bin_hz_;
    std::optional<SpectralContrast> contrast_;
    double prepared_rate_ = 0.0;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Spectral>(timbre::plugins::spectral_descriptor()))
