// Key estimation by correlating a track's mean chroma with the Krumhansl-Kessler major and
// minor key profiles in all 12 rotations (Krumhansl 1990; the Krumhansl-Schmuckler method).
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

KeyEstimate estimate_key(const std::array<double, 12>& chroma);

std::string pitch_class_name(int pitch_class);
std::string key_name(int index);  // index into KeyEstimate::scores, e.g. "A minor"

}  // namespace timbre::plugins
