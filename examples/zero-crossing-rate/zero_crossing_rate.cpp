// SPDX-License-Identifier: GPL-3.0-or-later
// example.zero_crossing_rate: the smallest useful plugin, written as a third party would.
// It counts sign changes per frame, a classic noisiness/brightness cue, and shows the whole
// SDK surface: descriptor with documented units and ranges, configure, process, export.
#include <timbre/timbre.hpp>

namespace {

using namespace timbre;

class ZeroCrossingRate : public Plugin {
public:
    static Descriptor descriptor() {
        return Descriptor{"example.zero_crossing_rate",
                          "1.0.0",
                          Kind::extractor,
                          "Fraction of adjacent samples that change sign, per frame",
                          {{"audio", PortType::audio, "mono audio"}},
                          {{"zcr", PortType::frames, "zero-crossing rate per frame, in [0, 1] (bin 'zcr')"}},
                          {{"frame_size", ParamType::integer, std::int64_t{2048}, 2, 65536, {}, "samples", "frame length"},
                           {"hop_size", ParamType::integer, std::int64_t{512}, 1, 65536, {}, "samples", "frame step"}}};
    }

    void configure(const Params& params) override {
        frame_ = static_cast<std::size_t>(params.integer("frame_size"));
        hop_ = static_cast<std::size_t>(params.integer("hop_size"));
    }

    Outputs process(const Inputs& inputs) override {
        const Audio& audio = inputs.get<Audio>("audio");
        const auto& x = audio.samples();
        if (x.size() < frame_) {
            throw InputError("track shorter than one frame (" + std::to_string(frame_) + " samples)");
        }
        std::vector<float> rates;
        for (std::size_t start = 0; start + frame_ <= x.size(); start += hop_) {
            std::size_t crossings = 0;
            for (std::size_t n = start + 1; n < start + frame_; ++n) {
                crossings += (x[n - 1] < 0.0f) != (x[n] < 0.0f);
            }
            rates.push_back(static_cast<float>(crossings) / static_cast<float>(frame_ - 1));
        }
        const std::size_t frames = rates.size();
        Outputs outputs;
        outputs.put("zcr", Frames(frames, 1, hop_ / audio.sample_rate_hz(), std::move(rates), {"zcr"}));
        return outputs;
    }

private:
    std::size_t frame_ = 2048;
    std::size_t hop_ = 512;
};

}  // namespace

TIMBRE_EXPORT_PLUGINS(make_entry<ZeroCrossingRate>(ZeroCrossingRate::descriptor()))
