// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.fluctuation: a track's fluctuation pattern (fluctuation_pattern.hpp) as a named
// vector for models and similarity, and Pampalk's three numbers that sum it up: where its
// weight lies on the modulation axis (gravity), how concentrated it is (focus), its peak.
#include "fluctuation_plugin.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "fluctuation_pattern.hpp"
#include "timbre/number_text.hpp"

namespace timbre::plugins {

Descriptor fluctuation_descriptor() {
    return Descriptor{
        "timbre.fluctuation",
        "1.0.0",
        Kind::extractor,
        "Fluctuation pattern: loudness modulation per band and modulation frequency (Pampalk), the track's rhythm",
        {{"mel", PortType::frames, "log-mel spectrogram in dB (timbre.melspec)"}},
        {{"pattern", PortType::vector,
          "per band (b01 lowest) and modulation frequency (bin centre, Hz): median over segments of the band's dB "
          "modulation amplitude, weighted by fluctuation strength (1 at 4 Hz)"},
         {"descriptors", PortType::vector,
          "gravity_hz (the pattern's centre of mass on the modulation axis), focus (mean / peak, 0..1: low when a "
          "few rates dominate), maximum (the peak, dB)"}},
        {
            {"bands", ParamType::integer, std::int64_t{8}, 1, 128, {}, "", "groups of adjacent mel bands"},
            {"segment_seconds", ParamType::real, 6.0, 1.0, 60.0, {}, "s", "length of each modulation spectrum"},
            {"max_hz", ParamType::real, 10.0, 0.5, 50.0, {}, "Hz", "highest modulation frequency kept"},
            {"modulation_bins",
             ParamType::integer,
             std::int64_t{20},
             1,
             500,
             {},
             "",
             "equal-width bins over (0, max_hz]; segment_seconds must be at least modulation_bins / max_hz"},
        }};
}

namespace {

class Fluctuation : public Plugin {
public:
    void configure(const Params& params) override {
        settings_.bands = static_cast<std::size_t>(params.integer("bands"));
        settings_.segment_seconds = params.real("segment_seconds");
        settings_.max_hz = params.real("max_hz");
        settings_.modulation_bins = static_cast<std::size_t>(params.integer("modulation_bins"));
        if (settings_.segment_seconds * settings_.max_hz < static_cast<double>(settings_.modulation_bins)) {
            throw ParameterError("segment_seconds", "must be at least modulation_bins / max_hz = " +
                                                        number_text(settings_.modulation_bins / settings_.max_hz) +
                                                        " s to resolve the bins");
        }
        centres_ = modulation_bin_centres(settings_);
        std::vector<std::string> names;
        for (std::size_t band = 0; band < settings_.bands; ++band) {
            for (double centre : centres_) {
                char name[32];
                std::snprintf(name, sizeof name, "b%02zu_%.2fHz", band + 1, centre);
                names.emplace_back(name);
            }
        }
        names_ = std::make_shared<const std::vector<std::string>>(std::move(names));
    }

    Outputs process(const Inputs& inputs) override {
        std::vector<double> pattern = fluctuation_pattern(inputs.get<Frames>("mel"), settings_);
        double total = 0.0, moment = 0.0;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            total += pattern[i];
            moment += pattern[i] * centres_[i % centres_.size()];
        }
        const double peak = *std::max_element(pattern.begin(), pattern.end());
        const double mean = total / static_cast<double>(pattern.size());
        Outputs outputs;
        outputs.put("descriptors", Vector({"gravity_hz", "focus", "maximum"},
                                          {total > 0.0 ? moment / total : 0.0, peak > 0.0 ? mean / peak : 0.0, peak}));
        outputs.put("pattern", Vector(names_, std::move(pattern)));
        return outputs;
    }

private:
    FluctuationSettings settings_;
    std::vector<double> centres_;  // each modulation bin's, Hz
    // The pattern's names, made once: "b01_0.25Hz" .. (bands x bins), shared by every track's.
    std::shared_ptr<const std::vector<std::string>> names_;
};

}  // namespace

std::unique_ptr<Plugin> make_fluctuation() { return std::make_unique<Fluctuation>(); }

}  // namespace timbre::plugins
