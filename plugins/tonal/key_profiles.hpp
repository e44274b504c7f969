// SPDX-License-Identifier: GPL-3.0-or-later
// Key estimation by correlating a track's mean chroma with major and minor key profiles in
// all 12 rotations (the Krumhansl-Schmuckler method): Krumhansl and Kessler's probe-tone
// ratings (1982), or the pitch-class distributions Temperley counted in the Kostka-Payne
// harmony textbook's excerpts (Music and Probability, 2007).
#pragma once

#include <array>
#include <string>

namespace timbre::plugins {

struct KeyEstimate {
    int tonic = 0;          // pitch class, 0 = C
    bool major = true;
    double strength = 0.0;  // Pearson correlation with the winning profile, [-1, 1]
    std::array<double, 24> scores{};  // C major .. B major, then C minor .. B minor
};

enum class KeyProfile { krumhansl, temperley };

KeyEstimate estimate_key(const std::array<double, 12>& chroma, KeyProfile profile);

std::string pitch_class_name(int pitch_class);
std::string key_name(int index);  // index into KeyEstimate::scores, e.g. "A minor"

}  // namespace timbre::plugins
