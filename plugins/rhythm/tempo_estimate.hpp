// SPDX-License-Identifier: GPL-3.0-or-later
// Global tempo from the autocorrelation of the onset envelope's rises above its local mean.
// The pulse with the best metrical support (the autocorrelation at the period, its half and
// its double) under a log-normal prior (centred on a preferred tempo, one octave wide) is
// found, then its octave is chosen by the autocorrelation alone under the same prior. Because
// a beat at T BPM also repeats at T/2 and shows up at 2T, the half and double tempi are
// reported with their own strengths, so a caller can see the ambiguity.
#pragma once

#include <vector>

namespace timbre::plugins {

struct TempoEstimate {
    double bpm = 0.0;
    double confidence = 0.0;       // autocorrelation at the chosen period / at lag 0, in [0, 1]
    double half_bpm = 0.0;
    double half_strength = 0.0;    // autocorrelation at the half tempo's period / at the chosen one
    double double_bpm = 0.0;
    double double_strength = 0.0;  // same, at the double tempo's period (0 if out of range)
    double period_frames = 0.0;    // the chosen beat period in envelope frames
};

struct TempoRange {
    double min_bpm = 40.0;
    double max_bpm = 240.0;
    double preferred_bpm = 120.0;
};

// frames_per_second: envelope frame rate. Returns bpm 0 for an envelope with no periodicity.
TempoEstimate estimate_tempo(const std::vector<double>& envelope, double frames_per_second, const TempoRange& range);

}  // namespace timbre::plugins
