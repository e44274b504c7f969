// SPDX-License-Identifier: GPL-3.0-or-later
// timbre's own Spotify-style descriptors, each in [0, 1], computed from low-level cues
// through documented logistic mappings (docs/descriptors.md gives every formula). They are
// heuristics, not trained models: the cue weights and midpoints are set so the demo library's
// medians sit near the middle of each scale, and are checked for direction on signals whose
// answer is known (speech vs instrumental, loud vs quiet, steady beat vs none).
#pragma once

namespace timbre::plugins {

// Per-track cues, each a plain measurement with its unit.
struct TrackCues {
    double loudness_lufs = -70.0;        // EBU R128 integrated
    double onset_mean_db = 0.0;          // mean onset strength (dB rise per frame)
    double centroid_mean_hz = 0.0;
    double rolloff_mean_hz = 0.0;
    double flatness_mean = 0.0;
    double flatness_std_active = 0.0;    // std of flatness over frames within 40 dB of the loudest
    double dynamic_range_db = 0.0;       // RMS level, 90th minus 10th percentile
    double tempo_bpm = 0.0;
    double tempo_confidence = 0.0;
    bool major = true;
    double key_strength = 0.0;
};

struct HighLevelDescriptors {
    double energy = 0.0;
    double danceability = 0.0;
    double acousticness = 0.0;
    double instrumentalness = 0.0;
    double valence = 0.0;
};

HighLevelDescriptors describe(const TrackCues& cues);

}  // namespace timbre::plugins
