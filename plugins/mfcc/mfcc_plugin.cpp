// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.mfcc: log-mel (dB) -> mel-frequency cepstral coefficients with first and second
// order deltas. Taking the mel spectrogram as input (not audio) lets one melspec node feed
// MFCC, CNNs and statistics alike.
#include <optional>

#include "cepstrum.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor mfcc_descriptor() {
    return Descriptor{
        "timbre.mfcc",
        "1.0.0",
        Kind::extractor,
        "MFCC: orthonormal DCT-II of log-mel bands, with regression deltas and delta-deltas",
        {{"mel", PortType::frames, "log-mel spectrogram in dB (timbre.melspec's mel output)"}},
        {{"mfcc", PortType::frames, "cepstral coefficients per frame (bins mfcc0..)"},
         {"delta", PortType::frames, "local slope of each coefficient, per frame (bins d_mfcc0..)"},
         {"delta2", PortType::frames, "slope of the deltas, per frame (bins dd_mfcc0..)"}},
        {
            {"coefficients", ParamType::integer, std::int64_t{20}, 1, 128, {}, "", "number of coefficients kept, from c0"},
            {"delta_width", ParamType::integer, std::int64_t{9}, 3, 99, {}, "frames", "regression window for deltas (odd)"},
        }};
}

std::vector<std::string> numbered(const std::string& prefix, std::size_t count) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < count; ++i) {
        names.push_back(prefix + std::to_string(i));
    }
    return names;
}

class Mfcc : public Plugin {
public:
    void configure(const Params& params) override {
        coefficients_ = static_cast<std::size_t>(params.integer("coefficients"));
        delta_width_ = static_cast<std::size_t>(params.integer("delta_width"));
        if (delta_width_ % 2 == 0) {
            throw ParameterError("delta_width", "must be odd, got " + std::to_string(delta_width_));
        }
    }

    Outputs process(const Inputs& inputs) override {
        const Frames& mel = inputs.get<Frames>("mel");
        if (mel.bin_count() < coefficients_) {
            throw InputError("asked for " + std::to_string(coefficients_) + " coefficients from only " +
                             std::to_string(mel.bin_count()) + " mel bands");
        }
        if (!dct_ || dct_inputs_ != mel.bin_count()) {
            dct_.emplace(mel.bin_count(), coefficients_);
            dct_inputs_ = mel.bin_count();
        }
        const std::size_t frames = mel.frame_count();
        std::vector<float> cepstrum(frames * coefficients_);
        for (std::size_t f = 0; f < frames; ++f) {
            dct_->apply(mel.frame(f), cepstrum.data() + f * coefficients_);
        }
        auto delta = regression_deltas(cepstrum, frames, coefficients_, delta_width_);
        auto delta2 = regression_deltas(delta, frames, coefficients_, delta_width_);
        Outputs outputs;
        const double hop = mel.hop_seconds();
        outputs.put("mfcc", Frames(frames, coefficients_, hop, std::move(cepstrum), numbered("mfcc", coefficients_)));
        outputs.put("delta", Frames(frames, coefficients_, hop, std::move(delta), numbered("d_mfcc", coefficients_)));
        outputs.put("delta2", Frames(frames, coefficients_, hop, std::move(delta2), numbered("dd_mfcc", coefficients_)));
        return outputs;
    }

private:
    std::size_t coefficients_ = 0;
    std::size_t delta_width_ = 0;
    std::optional<OrthonormalDct> dct_;  // depends only on the band count, fixed per pipeline
    std::size_t dct_inputs_ = 0;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Mfcc>(timbre::plugins::mfcc_descriptor()))
