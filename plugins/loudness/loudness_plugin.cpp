// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.loudness: EBU R128 / ITU-R BS.1770 loudness of the original signal (all channels,
// source sample rate) through libebur128: integrated loudness, loudness range, true peak.
// It reads track.source, not the downmixed audio: a mono downmix of a stereo track measures
// up to 3 LU quieter, and resampling would change the K-weighted high band.
#include <ebur128.h>

#include <cmath>
#include <memory>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor loudness_descriptor() {
    return Descriptor{
        "timbre.loudness",
        "1.0.0",
        Kind::extractor,
        "EBU R128 integrated loudness, loudness range and true peak (libebur128)",
        {{"source", PortType::multichannel, "the track's original channels (track.source)"}},
        {{"integrated", PortType::scalar, "gated integrated loudness, LUFS (null for silence)", false, true},
         {"range", PortType::scalar, "loudness range (LRA), LU"},
         {"true_peak", PortType::scalar,
          "maximum true peak over all channels (4x oversampled), dBTP; null unless the true_peak parameter is on, "
          "and for digital silence", false,
          true},
         {"sample_peak", PortType::scalar, "maximum absolute sample over all channels, dBFS; null for digital silence",
          false, true}},
        {{"true_peak", ParamType::boolean, true, {}, {}, {}, "",
          "measure the true peak; libebur128's 4x oversampling triples the cost of this plugin"}}};
}

struct StateDeleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};

// Digital silence has no level in decibels (minus infinity): NaN, stored as null.
double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : NAN; }

class Loudness : public Plugin {
public:
    void configure(const Params& params) override { true_peak_ = params.boolean("true_peak"); }

    Outputs process(const Inputs& inputs) override {
        const MultichannelAudio& source = inputs.get<MultichannelAudio>("source");
        const int modes = EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_SAMPLE_PEAK |
                          (true_peak_ ? EBUR128_MODE_TRUE_PEAK : 0);
        const auto channels = static_cast<unsigned>(source.channel_count());
        std::unique_ptr<ebur128_state, StateDeleter> state(
            ebur128_init(channels, static_cast<unsigned long>(std::lround(source.sample_rate_hz())),
                         modes));
        if (!state) {
            throw InputError("libebur128 cannot measure " + std::to_string(channels) + " channels at " +
                             std::to_string(source.sample_rate_hz()) + " Hz");
        }
        constexpr std::size_t kBlock = 16384;
        std::vector<float> interleaved(kBlock * channels);
        for (std::size_t start = 0; start < source.frame_count(); start += kBlock) {
            const std::size_t count = std::min(kBlock, source.frame_count() - start);
            for (std::size_t n = 0; n < count; ++n) {
                for (unsigned c = 0; c < channels; ++c) {
                    interleaved[n * channels + c] = source.channels()[c][start + n];
                }
            }
            check(ebur128_add_frames_float(state.get(), interleaved.data(), count), "adding samples");
        }
        double integrated = 0.0, range = 0.0, true_peak = 0.0, sample_peak = 0.0;
        check(ebur128_loudness_global(state.get(), &integrated), "integrated loudness");
        check(ebur128_loudness_range(state.get(), &range), "loudness range");
        for (unsigned c = 0; c < channels; ++c) {
            double channel_true = 0.0, channel_sample = 0.0;
            if (true_peak_) {
                check(ebur128_true_peak(state.get(), c, &channel_true), "true peak");
            }
            check(ebur128_sample_peak(state.get(), c, &channel_sample), "sample peak");
            true_peak = std::max(true_peak, channel_true);
            sample_peak = std::max(sample_peak, channel_sample);
        }
        Outputs outputs;
        outputs.put("integrated", Scalar{std::isfinite(integrated) ? integrated : NAN, "LUFS"});
        outputs.put("range", Scalar{range, "LU"});
        outputs.put("true_peak", Scalar{true_peak_ ? to_db(true_peak) : NAN, "dBTP"});
        outputs.put("sample_peak", Scalar{to_db(sample_peak), "dBFS"});
        return outputs;
    }

private:
    bool true_peak_ = true;

    static void check(int status, const char* what) {
        if (status != EBUR128_SUCCESS) {
            throw InputError(std::string("libebur128 failed computing ") + what + " (error " + std::to_string(status) + ")");
        }
    }
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Loudness>(timbre::plugins::loudness_descriptor()))
