// SPDX-License-Identifier: GPL-3.0-or-later
// Every descriptor is a weighted mean of logistic functions s((cue - midpoint) / scale),
// so each is bounded, monotonic in its cues, and readable from docs/descriptors.md.
#include "high_level_descriptors.hpp"

#include <algorithm>
#include <cmath>

namespace timbre::plugins {

namespace {
double rising(double value, double midpoint, double scale) { return 1.0 / (1.0 + std::exp(-(value - midpoint) / scale)); }
double falling(double value, double midpoint, double scale) { return 1.0 - rising(value, midpoint, scale); }

// How close a tempo (or its half or double, whichever is nearest) is to 118 BPM, the
// centre of typical dance tempi, on a log scale: 1 at 118, 0.5 about 0.47 octaves away.
double dance_tempo_fit(double bpm) {
    if (bpm <= 0.0) {
        return 0.0;
    }
    double octaves = std::log2(bpm / 118.0);
    octaves -= std::round(octaves);
    return std::exp(-0.5 * (octaves / 0.4) * (octaves / 0.4));
}
}  // namespace

HighLevelDescriptors describe(const TrackCues& cues) {
    HighLevelDescriptors d;
    const double loud = rising(cues.loudness_lufs, -15.0, 2.5);
    const double busy = rising(cues.onset_mean_db, 1.2, 0.3);
    const double bright = rising(cues.centroid_mean_hz, 1400.0, 400.0);
    d.energy = 0.5 * loud + 0.3 * busy + 0.2 * bright;
    d.danceability = 0.7 * rising(cues.tempo_confidence, 0.55, 0.1) + 0.3 * dance_tempo_fit(cues.tempo_bpm);
    d.acousticness = 0.5 * falling(cues.rolloff_mean_hz, 3000.0, 900.0) + 0.3 * rising(cues.dynamic_range_db, 12.6, 3.0) +
                     0.2 * falling(cues.flatness_mean, 0.003, 0.002);
    d.instrumentalness = falling(cues.flatness_std_active, 0.04, 0.01);
    const double mode_cue = cues.major ? 0.5 + 0.5 * std::max(0.0, cues.key_strength)
                                       : 0.5 - 0.5 * std::max(0.0, cues.key_strength);
    d.valence = 0.4 * mode_cue + 0.3 * bright + 0.3 * rising(cues.tempo_bpm, 110.0, 20.0);
    return d;
}

}  // namespace timbre::plugins
