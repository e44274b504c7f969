// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.summary: frames -> one named vector per track (mean, std, min, max, percentiles,
// and optionally the mean and std of frame-to-frame changes), the fixed-length input that
// classic classifiers and similarity metrics need.
#include <algorithm>

#include "frame_statistics.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor summary_descriptor() {
    return Descriptor{
        "timbre.summary",
        "1.0.0",
        Kind::extractor,
        "Per-bin statistics over time: mean, std, min, max, 10/50/90th percentiles, optional delta stats",
        {{"frames", PortType::frames, "any frame matrix (mel, mfcc, spectral features)"}},
        {{"stats", PortType::vector, "<bin>_mean, _std, _min, _max, _p10, _p50, _p90 [, _dmean, _dstd] per bin, "
                                     "in the input's units"}},
        {
            {"percentiles", ParamType::boolean, true, {}, {}, {}, "", "include the 10th, 50th and 90th percentiles"},
            {"deltas", ParamType::boolean, false, {}, {}, {}, "",
             "include mean and std of frame-to-frame differences (needs >= 2 frames)"},
        }};
}

class Summary : public Plugin {
public:
    void configure(const Params& params) override {
        percentiles_ = params.boolean("percentiles");
        deltas_ = params.boolean("deltas");
    }

    Outputs process(const Inputs& inputs) override {
        const Frames& frames = inputs.get<Frames>("frames");
        const std::size_t count = frames.frame_count();
        if (count == 0 || (deltas_ && count < 2)) {
            throw InputError("too few frames to summarise: " + std::to_string(count));
        }
        std::vector<std::string> names;
        std::vector<double> values;
        std::vector<double> column(count);
        std::vector<double> changes(count > 0 ? count - 1 : 0);
        for (std::size_t b = 0; b < frames.bin_count(); ++b) {
            const std::string bin = frames.bin_names().empty() ? "bin" + std::to_string(b) : frames.bin_names()[b];
            for (std::size_t f = 0; f < count; ++f) {
                column[f] = frames.at(f, b);
            }
            const BinStatistics stats = bin_statistics(column);
            auto add = [&](const std::string& suffix, double value) {
                names.push_back(bin + suffix);
                values.push_back(value);
            };
            add("_mean", stats.mean);
            add("_std", stats.std);
            add("_min", stats.min);
            add("_max", stats.max);
            if (deltas_) {
                for (std::size_t f = 1; f < count; ++f) {
                    changes[f - 1] = column[f] - column[f - 1];
                }
                const BinStatistics change_stats = bin_statistics(changes);
                add("_dmean", change_stats.mean);
                add("_dstd", change_stats.std);
            }
            if (percentiles_) {
                add("_p10", percentile(column, 10));
                add("_p50", percentile(column, 50));
                add("_p90", percentile(column, 90));
            }
        }
        Outputs outputs;
        outputs.put("stats", Vector(std::move(names), std::move(values)));
        return outputs;
    }

private:
    bool percentiles_ = true;
    bool deltas_ = false;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Summary>(timbre::plugins::summary_descriptor()))
