// SPDX-License-Identifier: GPL-3.0-or-later
// Key estimation by correlating a track's mean chroma with major and minor key profiles in
// all 12 rotations (the Krumhansl-Schmuckler method): Krumhansl and Kessler's probe-tone
// ratings (1982), the pitch-class distributions Temperley counted in the Kostka-Payne
// harmony textbook's excerpts (Music and Probability, 2007), or profiles counted from
// annotated recordings (key_model.hpp).
#pragma once

#include <array>
#include <string>

namespace timbre::plugins {

// A major and a minor profile with C as tonic, and what a minor reading gains over a major
// one of the same correlation (0 for the published profiles).
struct KeyProfiles {
    std::array<double, 12> major{};
    std::array<double, 12> minor{};
    double minor_bias = 0.0;
};

enum class KeyProfile { krumhansl, temperley };

KeyProfiles published_profiles(KeyProfile profile);

struct KeyEstimate {
    int tonic = 0;          // pitch class, 0 = C
    bool major = true;
    double strength = 0.0;  // Pearson correlation with the winning profile, [-1, 1]
    std::array<double, 24> scores{};  // C major .. B major, then C minor .. B minor (bias included)
    int index() const { return tonic + (major ? 0 : 12); }  // into scores
};

KeyEstimate estimate_key(const std::array<double, 12>& chroma, const KeyProfiles& profiles);

// The MIREX weighted score of an estimated key against an annotated one, both indices into
// KeyEstimate::scores: 1 the same key, 0.5 a fifth above or below in the same mode, 0.3 the
// relative key, 0.2 the parallel key, else 0.
double mirex_key_score(int estimated, int annotated);

std::string pitch_class_name(int pitch_class);
std::string key_name(int index);  // index into KeyEstimate::scores, e.g. "A minor"
// The index of a key name such as "A minor", "F# major" or "Bb minor"; -1 if it is none.
int key_index(const std::string& name);

}  // namespace timbre::plugins
