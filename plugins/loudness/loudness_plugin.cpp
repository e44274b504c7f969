// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.loudness: EBU R128 / ITU-R BS.1770 loudness of the original signal (all channels,
// source sample rate): integrated loudness and loudness range by timbre's BS.1770 meter,
// true peak (4x oversampled, off unless asked for) by libebur128.
// It reads track.source, not the downmixed audio: a mono downmix of a stereo track measures
// up to 3 LU quieter, and resampling would change the K-weighted high band. It measures
// block by block as the track decodes, so a long track's channels are never held whole.
#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "bs1770_meter.hpp"
#include "timbre/number_text.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor loudness_descriptor() {
    return Descriptor{
        "timbre.loudness",
        "1.1.0",
        Kind::extractor,
        "EBU R128 integrated loudness, loudness range, sample peak and true peak",
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
          "measure the true peak; libebur128's 4x oversampling costs about three times the decoding of the track"}}};
}

struct StateDeleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};

// Digital silence has no level in decibels (minus infinity): NaN, stored as null.
double to_db(double linear) { return linear > 0.0 ? 20.0 * std::log10(linear) : NAN; }

class Loudness : public SourceStreamPlugin {
public:
    void configure(const Params& params) override { true_peak_ = params.boolean("true_peak"); }

    void begin_source(std::size_t channel_count, double sample_rate_hz) override {
        meter_.emplace(channel_count, sample_rate_hz);
        channels_ = static_cast<unsigned>(channel_count);
        if (true_peak_) {
            true_peak_state_.reset(
                ebur128_init(channels_, static_cast<unsigned long>(std::lround(sample_rate_hz)), EBUR128_MODE_TRUE_PEAK));
            if (!true_peak_state_) {
                throw InputError("libebur128 cannot measure the true peak of " + std::to_string(channel_count) +
                                 " channels at " + number_text(sample_rate_hz) + " Hz");
            }
        }
    }

    void add_source(const SourceBlock& block) override {
        meter_->add(block.channels, block.frame_count);
        if (true_peak_state_) {
            interleaved_.resize(block.frame_count * channels_);
            for (std::size_t n = 0; n < block.frame_count; ++n) {
                for (unsigned c = 0; c < channels_; ++c) {
                    interleaved_[n * channels_ + c] = block.channels[c][n];
                }
            }
            check(ebur128_add_frames_float(true_peak_state_.get(), interleaved_.data(), block.frame_count),
                  "adding samples");
        }
    }

    Outputs end_source() override {
        double true_peak = 0.0;
        if (true_peak_state_) {
            for (unsigned c = 0; c < channels_; ++c) {
                double channel_true = 0.0;
                check(ebur128_true_peak(true_peak_state_.get(), c, &channel_true), "true peak");
                true_peak = std::max(true_peak, channel_true);
            }
            true_peak_state_.reset();
        }
        Outputs outputs;
        outputs.put("integrated", Scalar{meter_->integrated_lufs(), "LUFS"});
        outputs.put("range", Scalar{meter_->range_lu(), "LU"});
        outputs.put("true_peak", Scalar{true_peak_ ? to_db(true_peak) : NAN, "dBTP"});
        outputs.put("sample_peak", Scalar{to_db(meter_->sample_peak()), "dBFS"});
        meter_.reset();
        return outputs;
    }

private:
    bool true_peak_ = true;
    unsigned channels_ = 0;
    std::optional<Bs1770Meter> meter_;
    std::unique_ptr<ebur128_state, StateDeleter> true_peak_state_;  // only while true_peak is on
    std::vector<float> interleaved_;  // one block for libebur128, reused across blocks and tracks

    static void check(int status, const char* what) {
        if (status != EBUR128_SUCCESS) {
            throw InputError(std::string("libebur128 failed computing ") + what + " (error " + std::to_string(status) + ")");
        }
    }
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Loudness>(timbre::plugins::loudness_descriptor()))
