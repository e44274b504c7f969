// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.descriptors: energy, danceability, acousticness, instrumentalness and a valence-like
// cue per track, from the outputs of the spectral, rhythm, loudness and key plugins. Its many
// typed inputs are the point: it is assembled by the graph from what other plugins measured.
#include <algorithm>
#include <cmath>

#include "high_level_descriptors.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

Descriptor descriptors_descriptor() {
    return Descriptor{
        "timbre.descriptors",
        "1.0.0",
        Kind::extractor,
        "Spotify-style high-level descriptors (energy, danceability, acousticness, instrumentalness, valence-like)",
        {{"spectral", PortType::frames, "timbre.spectral features (centroid_hz, rolloff_hz, flatness, rms bins)"},
         {"onset", PortType::frames, "timbre.rhythm onset strength"},
         {"tempo", PortType::vector, "timbre.rhythm tempo (bpm, confidence)"},
         {"loudness", PortType::scalar, "integrated loudness, LUFS (timbre.loudness)"},
         {"mode", PortType::scalar, "1 major, 0 minor (timbre.key)"},
         {"key_strength", PortType::scalar, "key profile correlation (timbre.key)"}},
        {{"descriptors", PortType::vector,
          "energy, danceability, acousticness, instrumentalness, valence, each in [0, 1]; see docs/descriptors.md"}},
        {}};
}

std::vector<double> column(const Frames& frames, const std::string& name) {
    const auto& names = frames.bin_names();
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
        throw InputError("spectral input has no '" + name + "' bin; wire timbre.spectral's features output");
    }
    const auto bin = static_cast<std::size_t>(it - names.begin());
    std::vector<double> values(frames.frame_count());
    for (std::size_t f = 0; f < frames.frame_count(); ++f) {
        values[f] = frames.at(f, bin);
    }
    return values;
}

double mean(const std::vector<double>& values) {
    double sum = 0.0;
    for (double value : values) {
        sum += value;
    }
    return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
}

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const double position = q / 100.0 * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(position);
    const auto above = std::min(below + 1, values.size() - 1);
    return values[below] + (values[above] - values[below]) * (position - static_cast<double>(below));
}

double vector_value(const Vector& vector, const std::string& name) {
    const auto it = std::find(vector.names().begin(), vector.names().end(), name);
    if (it == vector.names().end()) {
        throw InputError("tempo input has no '" + name + "'; wire timbre.rhythm's tempo output");
    }
    return vector.values()[static_cast<std::size_t>(it - vector.names().begin())];
}

class Descriptors : public Plugin {
public:
    void configure(const Params&) override {}

    Outputs process(const Inputs& inputs) override {
        const Frames& spectral = inputs.get<Frames>("spectral");
        if (spectral.frame_count() == 0) {
            throw InputError("no spectral frames");
        }
        TrackCues cues;
        const auto flatness = column(spectral, "flatness");
        std::vector<double> rms_db;
        for (double rms : column(spectral, "rms")) {
            rms_db.push_back(20.0 * std::log10(std::max(rms, 1e-5)));
        }
        const double loudest = *std::max_element(rms_db.begin(), rms_db.end());
        std::vector<double> active_flatness;
        for (std::size_t f = 0; f < flatness.size(); ++f) {
            if (rms_db[f] > loudest - 40.0) {
                active_flatness.push_back(flatness[f]);
            }
        }
        const double active_mean = mean(active_flatness);
        double squares = 0.0;
        for (double value : active_flatness) {
            squares += (value - active_mean) * (value - active_mean);
        }
        cues.flatness_std_active = std::sqrt(squares / static_cast<double>(active_flatness.size()));
        cues.flatness_mean = mean(flatness);
        cues.centroid_mean_hz = mean(column(spectral, "centroid_hz"));
        cues.rolloff_mean_hz = mean(column(spectral, "rolloff_hz"));
        cues.dynamic_range_db = percentile(rms_db, 90) - percentile(rms_db, 10);
        const Frames& onset = inputs.get<Frames>("onset");
        cues.onset_mean_db = mean(std::vector<double>(onset.data().begin(), onset.data().end()));
        const Vector& tempo = inputs.get<Vector>("tempo");
        cues.tempo_bpm = vector_value(tempo, "bpm");
        cues.tempo_confidence = vector_value(tempo, "confidence");
        const double lufs = inputs.get<Scalar>("loudness").value;
        cues.loudness_lufs = std::isfinite(lufs) ? lufs : -70.0;
        cues.major = inputs.get<Scalar>("mode").value >= 0.5;
        cues.key_strength = inputs.get<Scalar>("key_strength").value;
        const HighLevelDescriptors d = describe(cues);
        Outputs outputs;
        outputs.put("descriptors", Vector({"energy", "danceability", "acousticness", "instrumentalness", "valence"},
                                          {d.energy, d.danceability, d.acousticness, d.instrumentalness, d.valence}));
        return outputs;
    }
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Descriptors>(timbre::plugins::descriptors_descriptor()))
