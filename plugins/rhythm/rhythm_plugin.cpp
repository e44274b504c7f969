// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.rhythm: onset strength envelope, global tempo (with its half/double candidates and
// a confidence) and beat times, from a log-mel spectrogram.
#include <cmath>

#include "beat_tracker.hpp"
#include "fluctuation_plugin.hpp"
#include "onset_envelope.hpp"
#include "tempo_estimate.hpp"
#include "timbre/number_text.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor rhythm_descriptor() {
    return Descriptor{
        "timbre.rhythm",
        "1.1.0",
        Kind::extractor,
        "Onset strength, global tempo with half/double candidates, and beat times",
        {{"mel", PortType::frames, "log-mel spectrogram in dB (timbre.melspec)"}},
        {{"onset", PortType::frames, "onset strength per mel frame, dB rise averaged over bands (bin 'strength')"},
         {"tempo", PortType::vector,
          "bpm (chosen tempo, BPM), confidence (0..1), half_bpm/double_bpm (BPM) with half_strength/"
          "double_strength (autocorrelation relative to the chosen tempo's), beat_count, beat_regularity (0..1)"},
         {"beats", PortType::frames, "one row per beat: its time in seconds (bin 'time_s'); hop = beat period"}},
        {
            {"min_bpm", ParamType::real, 40.0, 10.0, 400.0, {}, "BPM", "slowest tempo considered"},
            {"max_bpm", ParamType::real, 240.0, 20.0, 1000.0, {}, "BPM", "fastest tempo considered"},
            {"preferred_bpm", ParamType::real, 120.0, 20.0, 400.0, {}, "BPM", "centre of the one-octave tempo prior"},
            {"tightness", ParamType::real, 100.0, 0.0, 10000.0, {}, "", "how strongly beats keep the tempo's period"},
        }};
}

// 1 - coefficient of variation of inter-beat intervals, floored at 0.
double regularity(const std::vector<double>& beats) {
    if (beats.size() < 3) {
        return 0.0;
    }
    double sum = 0.0, squares = 0.0;
    const double count = static_cast<double>(beats.size() - 1);
    for (std::size_t i = 1; i < beats.size(); ++i) {
        sum += beats[i] - beats[i - 1];
    }
    const double mean = sum / count;
    for (std::size_t i = 1; i < beats.size(); ++i) {
        squares += (beats[i] - beats[i - 1] - mean) * (beats[i] - beats[i - 1] - mean);
    }
    return std::max(0.0, 1.0 - std::sqrt(squares / count) / mean);
}

class Rhythm : public Plugin {
public:
    void configure(const Params& params) override {
        range_ = {params.real("min_bpm"), params.real("max_bpm"), params.real("preferred_bpm")};
        if (range_.min_bpm >= range_.max_bpm) {
            throw ParameterError("min_bpm", "must be below max_bpm (" + number_text(range_.max_bpm) + ")");
        }
        tightness_ = params.real("tightness");
    }

    Outputs process(const Inputs& inputs) override {
        const Frames& mel = inputs.get<Frames>("mel");
        const std::vector<double> envelope = onset_strength(mel);
        const double fps = 1.0 / mel.hop_seconds();
        const TempoEstimate tempo = estimate_tempo(envelope, fps, range_);
        std::vector<double> beat_frames;
        if (tempo.bpm > 0.0) {
            beat_frames = track_beats(envelope, tempo.period_frames, tightness_);
        }
        std::vector<float> beat_times;
        for (double frame : beat_frames) {
            beat_times.push_back(static_cast<float>(frame * mel.hop_seconds()));
        }
        Outputs outputs;
        outputs.put("onset", Frames(envelope.size(), 1, mel.hop_seconds(), std::vector<float>(envelope.begin(), envelope.end()),
                                    {"strength"}));
        outputs.put("tempo", Vector({"bpm", "confidence", "half_bpm", "half_strength", "double_bpm", "double_strength",
                                     "beat_count", "beat_regularity"},
                                    {tempo.bpm, tempo.confidence, tempo.half_bpm, tempo.half_strength, tempo.double_bpm,
                                     tempo.double_strength, static_cast<double>(beat_frames.size()),
                                     regularity(beat_frames)}));
        const double beat_hop = tempo.bpm > 0.0 ? 60.0 / tempo.bpm : mel.hop_seconds();
        const std::size_t beats = beat_times.size();
        outputs.put("beats", Frames(beats, 1, beat_hop, std::move(beat_times), {"time_s"}));
        return outputs;
    }

private:
    TempoRange range_;
    double tightness_ = 100.0;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Rhythm>(timbre::plugins::rhythm_descriptor()),
                      timbre::PluginEntry{timbre::plugins::fluctuation_descriptor(), timbre::plugins::make_fluctuation})
