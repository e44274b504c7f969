// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.chroma (audio -> tuning-aware 12-bin chroma) and timbre.key (chroma -> key, mode,
// strength): one library with the trained timbre.key_classifier, since key estimation only
// makes sense on this chroma.
#include <optional>

#include <algorithm>
#include <cmath>

#include "chroma_map.hpp"
#include "harmonic_mask.hpp"
#include "key_plugins.hpp"
#include "key_profiles.hpp"
#include "timbre/dsp/spectrogram.hpp"
#include "timbre/number_text.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor chroma_descriptor() {
    return Descriptor{
        "timbre.chroma",
        "1.1.0",
        Kind::extractor,
        "Tuning-aware 12-bin pitch-class profile (chroma) from the STFT",
        {{"audio", PortType::audio, "mono audio"}},
        {{"chroma", PortType::frames, "per frame, power per pitch class C..B scaled to max 1 (bins C, C#, ..., B)"},
         {"harmonic_chroma", PortType::frames,
          "the same of the spectrum's harmonic part (drums filtered out), log-compressed: what timbre.key reads"},
         {"tuning", PortType::scalar, "estimated deviation of the track's A4 from 440 Hz, cents in [-50, 50)"}},
        {
            {"frame_size", ParamType::integer, std::int64_t{4096}, 256, 65536, {}, "samples",
             "FFT length (even; long enough to resolve semitones at fmin)"},
            {"hop_size", ParamType::integer, std::int64_t{2048}, 1, 65536, {}, "samples", "distance between frames"},
            {"fmin", ParamType::real, 65.0, 20.0, 2000.0, {}, "Hz", "lowest frequency counted (C2 = 65.4 Hz)"},
            {"fmax", ParamType::real, 2100.0, 100.0, 20000.0, {}, "Hz", "highest frequency counted (C7 = 2093 Hz)"},
            {"estimate_tuning", ParamType::boolean, true, {}, {}, {}, "", "shift the pitch grid to the track's tuning"},
            {"harmonic", ParamType::boolean, true, {}, {}, {}, "",
             "harmonic_chroma keeps only the harmonic part (median-filter separation from drums); false: all of it"},
            {"compression", ParamType::real, 100.0, 0.0, 1e6, {}, "",
             "harmonic_chroma: 0 power as is; g > 0 log(1 + g * power / the track's largest power) per bin"},
        }};
}

class Chroma : public Plugin {
public:
    void configure(const Params& params) override {
        frame_size_ = static_cast<std::size_t>(params.integer("frame_size"));
        if (frame_size_ % 2 != 0) {
            throw ParameterError("frame_size", "must be even, got " + std::to_string(frame_size_));
        }
        spectrogram_.emplace(frame_size_, static_cast<std::size_t>(params.integer("hop_size")));
        fmin_ = params.real("fmin");
        fmax_ = params.real("fmax");
        if (fmin_ >= fmax_) {
            throw ParameterError("fmin", "must be below fmax (" + number_text(fmax_) + " Hz)");
        }
        estimate_tuning_ = params.boolean("estimate_tuning");
        harmonic_ = params.boolean("harmonic");
        compression_ = params.real("compression");
    }

    Outputs process(const Inputs& inputs) override {
        const Audio& audio = inputs.get<Audio>("audio");
        const double rate = audio.sample_rate_hz();
        if (fmax_ > rate / 2.0) {
            throw InputError("fmax " + number_text(fmax_) + " Hz is above the Nyquist frequency " +
                             number_text(rate / 2.0) + " Hz");
        }
        // Only the chroma's band is kept, plus the percussive median's reach beyond it: both
        // chromas and the tuning read nothing else, so no frames x bins spectrogram is held.
        const std::size_t frames = spectrogram_->frame_count(audio.samples().size());
        const std::size_t bins = spectrogram_->bin_count();
        const std::size_t low = static_cast<std::size_t>(fmin_ * frame_size_ / rate);
        const std::size_t high = std::min(bins - 1, static_cast<std::size_t>(fmax_ * frame_size_ / rate) + 1);
        const std::size_t reach = kPercussiveBins / 2;
        const std::size_t from = low >= reach ? low - reach : 0, to = std::min(bins - 1, high + reach);
        const std::size_t width = to - from + 1;
        std::vector<float> band(frames * width);
        TuningEstimate tuning_estimate(rate, frame_size_, fmin_, fmax_);
        spectrogram_->for_each_frame(audio, [&](std::size_t f, const float* power) {
            std::copy_n(power + from, width, band.begin() + static_cast<std::ptrdiff_t>(f * width));
            if (estimate_tuning_) {
                tuning_estimate.add_frame(power);
            }
        });
        const double tuning = tuning_estimate.cents();
        const ChromaMap map(frame_size_, rate, fmin_, fmax_, tuning);
        std::vector<float> chroma(frames * 12), harmonic(frames * 12);
        for (std::size_t f = 0; f < frames; ++f) {
            map.apply(band.data() + f * width, from, chroma.data() + f * 12);
        }
        if (harmonic_) {
            keep_harmonic_part(band, frames, width, low - from, high - from, kPercussiveBins);
        }
        if (compression_ > 0.0) {
            float loudest = 0.0f;
            for (std::size_t f = 0; f < frames; ++f) {
                for (std::size_t k = low; k <= high; ++k) {
                    loudest = std::max(loudest, band[f * width + k - from]);
                }
            }
            const float gain = loudest > 0.0f ? static_cast<float>(compression_) / loudest : 0.0f;
            for (std::size_t f = 0; f < frames; ++f) {
                for (std::size_t k = low; k <= high; ++k) {
                    band[f * width + k - from] = std::log1p(gain * band[f * width + k - from]);
                }
            }
        }
        for (std::size_t f = 0; f < frames; ++f) {
            map.apply(band.data() + f * width, from, harmonic.data() + f * 12);
        }
        std::vector<std::string> names;
        for (int c = 0; c < 12; ++c) {
            names.push_back(pitch_class_name(c));
        }
        const double hop_seconds = static_cast<double>(spectrogram_->hop_size()) / rate;
        Outputs outputs;
        outputs.put("chroma", Frames(frames, 12, hop_seconds, std::move(chroma), names));
        outputs.put("harmonic_chroma", Frames(frames, 12, hop_seconds, std::move(harmonic), std::move(names)));
        outputs.put("tuning", Scalar{tuning, "cents"});
        return outputs;
    }

private:
    std::size_t frame_size_ = 4096;
    std::optional<dsp::PowerSpectrogram> spectrogram_;
    double fmin_ = 65.0;
    double fmax_ = 2100.0;
    bool estimate_tuning_ = true;
    bool harmonic_ = true;
    double compression_ = 100.0;
    // The percussive (frequency) median's width: 92 Hz at the default FFT.
    static constexpr std::size_t kPercussiveBins = 17;
};

Descriptor key_descriptor() {
    return Descriptor{
        "timbre.key",
        "1.1.0",
        Kind::extractor,
        "Key and mode by correlating mean chroma with key profiles (Temperley's or Krumhansl-Kessler's)",
        {{"chroma", PortType::frames, "12-bin chroma, C..B (timbre.chroma's harmonic_chroma)"}},
        {{"key", PortType::text, "tonic and mode, e.g. \"A minor\""},
         {"mode", PortType::scalar, "1 for major, 0 for minor"},
         {"strength", PortType::scalar, "correlation with the winning key profile, -1..1 (higher = clearer key)"},
         {"scores", PortType::vector, "correlation with each of the 24 keys (\"C major\" .. \"B minor\")"}},
        {{"profile", ParamType::string, std::string("temperley"), {}, {}, {"krumhansl", "temperley"}, "",
          "key profiles: Krumhansl-Kessler probe-tone ratings, or Temperley's Kostka-Payne corpus counts"}}};
}

class Key : public Plugin {
public:
    void configure(const Params& params) override {
        profiles_ = published_profiles(params.string("profile") == "temperley" ? KeyProfile::temperley
                                                                               : KeyProfile::krumhansl);
    }

    Outputs process(const Inputs& inputs) override {
        const KeyEstimate key = estimate_key(mean_chroma(inputs.get<Frames>("chroma")), profiles_);
        std::vector<std::string> names;
        for (int i = 0; i < 24; ++i) {
            names.push_back(key_name(i));
        }
        Outputs outputs;
        outputs.put("key", Text{key_name(key.index())});
        outputs.put("mode", Scalar{key.major ? 1.0 : 0.0, ""});
        outputs.put("strength", Scalar{key.strength, ""});
        outputs.put("scores", Vector(std::move(names), {key.scores.begin(), key.scores.end()}));
        return outputs;
    }

private:
    KeyProfiles profiles_ = published_profiles(KeyProfile::temperley);
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Chroma>(timbre::plugins::chroma_descriptor()),
                      timbre::make_entry<timbre::plugins::Key>(timbre::plugins::key_descriptor()),
                      timbre::PluginEntry{timbre::plugins::key_classifier_descriptor(),
                                          timbre::plugins::make_key_classifier})
