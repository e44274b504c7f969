// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.melspec: audio -> log-mel spectrogram in dB, the time-frequency front end that
// MFCC, the CNN models and the summary statistics build on.
#include <cmath>
#include <map>
#include <optional>

#include "mel_filterbank.hpp"
#include "timbre/dsp/spectrogram.hpp"
#include "timbre/number_text.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor melspec_descriptor() {
    return Descriptor{
        "timbre.melspec",
        "1.0.0",
        Kind::extractor,
        "Log-mel spectrogram: Hann-windowed STFT power, Slaney-normalised mel filters, 10*log10 in dB",
        {{"audio", PortType::audio, "mono audio at the pipeline's sample rate"}},
        {{"mel", PortType::frames, "log-mel power per frame and band in dB re `reference` (bins mel0..melN-1)"}},
        {
            {"frame_size", ParamType::integer, std::int64_t{2048}, 64, 65536, {}, "samples", "FFT and window length (even)"},
            {"hop_size", ParamType::integer, std::int64_t{512}, 1, 65536, {}, "samples", "distance between frame centres"},
            {"bands", ParamType::integer, std::int64_t{64}, 1, 512, {}, "", "number of mel bands"},
            {"fmin", ParamType::real, 0.0, 0.0, 100000.0, {}, "Hz", "lower edge of the lowest band"},
            {"fmax", ParamType::real, 0.0, 0.0, 100000.0, {}, "Hz", "upper edge of the highest band; 0 = Nyquist"},
            {"top_db", ParamType::real, 80.0, 0.0, 400.0, {}, "dB",
             "floor at this many dB below the track's loudest bin; 0 = no floor"},
            {"scale", ParamType::string, std::string("slaney"), {}, {}, {"slaney", "htk"}, "",
             "mel scale the bands are equally spaced on: slaney (linear below 1 kHz, librosa's default) or htk "
             "(logarithmic throughout, as Musly)"},
            {"reference", ParamType::string, std::string("full_scale"), {}, {}, {"full_scale", "peak"}, "",
             "0 dB is a full-scale sample (full_scale) or the track's loudest sample (peak: every track "
             "peak-normalised first, as Musly does)"},
        }};
}

class MelSpectrogram : public Plugin {
public:
    void configure(const Params& params) override {
        const auto frame_size = params.integer("frame_size");
        if (frame_size % 2 != 0) {
            throw ParameterError("frame_size", "must be even, got " + std::to_string(frame_size));
        }
        spectrogram_.emplace(static_cast<std::size_t>(frame_size), static_cast<std::size_t>(params.integer("hop_size")));
        bands_ = static_cast<std::size_t>(params.integer("bands"));
        fmin_ = params.real("fmin");
        fmax_ = params.real("fmax");
        top_db_ = params.real("top_db");
        scale_ = params.string("scale") == "htk" ? MelScale::htk : MelScale::slaney;
        peak_reference_ = params.string("reference") == "peak";
        if (fmax_ > 0.0 && fmin_ >= fmax_) {
            throw ParameterError("fmin", "must be below fmax (" + number_text(fmax_) + " Hz)");
        }
    }

    Outputs process(const Inputs& inputs) override {
        const Audio& audio = inputs.get<Audio>("audio");
        const double nyquist = audio.sample_rate_hz() / 2.0;
        const double fmax = fmax_ > 0.0 ? fmax_ : nyquist;
        if (fmax > nyquist || fmin_ >= fmax) {
            throw InputError("band edges " + number_text(fmin_) + "-" + number_text(fmax) +
                             " Hz do not fit below the Nyquist frequency " + number_text(nyquist) + " Hz");
        }
        const MelFilterbank& filterbank = filterbank_for(audio.sample_rate_hz(), fmax);
        const std::size_t frames = spectrogram_->frame_count(audio.samples().size());
        std::vector<float> mel(frames * bands_);
        const float gain = peak_reference_ ? power_gain_to_peak(audio.samples()) : 1.0f;
        float loudest = -INFINITY;
        spectrogram_->for_each_frame(audio, [&](std::size_t f, const float* power) {
            float* row = mel.data() + f * bands_;
            filterbank.apply(power, row);
            for (std::size_t b = 0; b < bands_; ++b) {
                row[b] = 10.0f * std::log10(std::max(row[b] * gain, 1e-10f));
                loudest = std::max(loudest, row[b]);
            }
        });
        if (top_db_ > 0.0) {
            const float floor = loudest - static_cast<float>(top_db_);
            for (float& value : mel) {
                value = std::max(value, floor);
            }
        }
        std::vector<std::string> names;
        for (std::size_t b = 0; b < bands_; ++b) {
            names.push_back("mel" + std::to_string(b));
        }
        Outputs outputs;
        outputs.put("mel", Frames(frames, bands_, static_cast<double>(spectrogram_->hop_size()) / audio.sample_rate_hz(), std::move(mel), std::move(names)));
        return outputs;
    }

private:
    // What scales power so that the track's loudest sample is 0 dB; silence is left as it is.
    static float power_gain_to_peak(const std::vector<float>& samples) {
        float peak = 0.0f;
        for (const float sample : samples) {
            peak = std::max(peak, std::abs(sample));
        }
        return peak > 0.0f ? 1.0f / (peak * peak) : 1.0f;
    }

    // The filterbank depends only on the sample rate (fixed per pipeline), so it is built once.
    const MelFilterbank& filterbank_for(double sample_rate_hz, double fmax_hz) {
        if (!filterbank_ || filterbank_rate_ != sample_rate_hz) {
            filterbank_.emplace(bands_, spectrogram_->frame_size(), sample_rate_hz, fmin_, fmax_hz, scale_);
            filterbank_rate_ = sample_rate_hz;
        }
        return *filterbank_;
    }

    std::optional<dsp::PowerSpectrogram> spectrogram_;
    std::optional<MelFilterbank> filterbank_;
    double filterbank_rate_ = 0.0;
    std::size_t bands_ = 0;
    double fmin_ = 0.0;
    double fmax_ = 0.0;
    double top_db_ = 0.0;
    MelScale scale_ = MelScale::slaney;
    bool peak_reference_ = false;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::MelSpectrogram>(timbre::plugins::melspec_descriptor()))
