// SPDX-License-Identifier: GPL-3.0-or-later
// Fluctuation patterns (Pampalk, Rauber and Merkl 2002, "Content-based organization and
// visualization of music archives"; Pampalk 2006, "Computational models of music
// similarity", ch. 2): how strongly the loudness of each frequency band fluctuates at each
// modulation frequency up to about 10 Hz, weighted by how strongly listeners feel a
// fluctuation of that rate (Fastl's fluctuation strength, highest at 4 Hz), the median over
// segments of a few seconds. The rhythm of a track as a fixed-length picture: a backbeat, a
// swing, a drone without pulse look different, whatever the track's tempo or level.
#pragma once

#include <cstddef>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::plugins {

struct FluctuationSettings {
    std::size_t bands = 8;             // groups of adjacent mel bands
    double segment_seconds = 6.0;      // length of each segment's modulation spectrum
    double max_hz = 10.0;              // highest modulation frequency kept
    std::size_t modulation_bins = 20;  // equal-width bins over (0, max_hz]
};

// The centre of each modulation bin, Hz: (j + 0.5) * max_hz / modulation_bins.
std::vector<double> modulation_bin_centres(const FluctuationSettings& settings);

// bands x modulation_bins values, band-major: each band's dB of modulation, weighted. Throws
// timbre::InputError when the frame rate cannot show max_hz (Nyquist) or the segment is too
// short to resolve the bins. A track shorter than one segment gives one, zero-padded.
std::vector<double> fluctuation_pattern(const Frames& log_mel, const FluctuationSettings& settings);

// Fastl's fluctuation strength of an amplitude modulation at `hz`, 1 at 4 Hz.
double fluctuation_strength(double hz);

}  // namespace timbre::plugins
