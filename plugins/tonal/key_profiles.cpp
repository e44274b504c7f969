// SPDX-License-Identifier: GPL-3.0-or-later
// Profile values for C major / C minor: Krumhansl & Kessler (1982) probe-tone ratings;
// Temperley (2007), relative frequencies of pitch classes in the Kostka-Payne corpus.
#include "key_profiles.hpp"

#include <cmath>
#include <sstream>

namespace timbre::plugins {

namespace {
constexpr std::array<double, 12> kKrumhanslMajor{6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
constexpr std::array<double, 12> kKrumhanslMinor{6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};
constexpr std::array<double, 12> kTemperleyMajor{0.748, 0.060, 0.488, 0.082, 0.670, 0.460,
                                                 0.096, 0.715, 0.104, 0.366, 0.057, 0.400};
constexpr std::array<double, 12> kTemperleyMinor{0.712, 0.084, 0.474, 0.618, 0.049, 0.460,
                                                 0.105, 0.747, 0.404, 0.067, 0.133, 0.330};

double correlation(const std::array<double, 12>& a, const std::array<double, 12>& profile, int rotation) {
    double mean_a = 0.0, mean_b = 0.0;
    for (int i = 0; i < 12; ++i) {
        mean_a += a[i] / 12.0;
        mean_b += profile[i] / 12.0;
    }
    double cross = 0.0, var_a = 0.0, var_b = 0.0;
    for (int i = 0; i < 12; ++i) {
        const double x = a[(i + rotation) % 12] - mean_a;
        const double y = profile[i] - mean_b;
        cross += x * y;
        var_a += x * x;
        var_b += y * y;
    }
    return var_a > 0.0 && var_b > 0.0 ? cross / std::sqrt(var_a * var_b) : 0.0;
}
}  // namespace

KeyProfiles published_profiles(KeyProfile profile) {
    if (profile == KeyProfile::krumhansl) {
        return {kKrumhanslMajor, kKrumhanslMinor, 0.0};
    }
    return {kTemperleyMajor, kTemperleyMinor, 0.0};
}

KeyEstimate estimate_key(const std::array<double, 12>& chroma, const KeyProfiles& profiles) {
    KeyEstimate estimate;
    int best = 0;
    for (int tonic = 0; tonic < 12; ++tonic) {
        estimate.scores[tonic] = correlation(chroma, profiles.major, tonic);
        estimate.scores[12 + tonic] = correlation(chroma, profiles.minor, tonic) + profiles.minor_bias;
    }
    for (int i = 1; i < 24; ++i) {
        if (estimate.scores[i] > estimate.scores[best]) {
            best = i;
        }
    }
    estimate.tonic = best % 12;
    estimate.major = best < 12;
    estimate.strength = estimate.scores[best] - (estimate.major ? 0.0 : profiles.minor_bias);
    return estimate;
}

double mirex_key_score(int estimated, int annotated) {
    if (estimated == annotated) {
        return 1.0;
    }
    const int tonic = estimated % 12, annotated_tonic = annotated % 12;
    const bool major = estimated < 12, annotated_major = annotated < 12;
    const int interval = (tonic - annotated_tonic + 12) % 12;
    if (major == annotated_major) {
        return interval == 5 || interval == 7 ? 0.5 : 0.0;
    }
    if (interval == (annotated_major ? 9 : 3)) {
        return 0.3;  // relative: A minor for C major, C major for A minor
    }
    return interval == 0 ? 0.2 : 0.0;
}

std::string pitch_class_name(int pitch_class) {
    static const char* names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    return names[pitch_class % 12];
}

std::string key_name(int index) { return pitch_class_name(index % 12) + (index < 12 ? " major" : " minor"); }

int key_index(const std::string& name) {
    std::istringstream words(name);
    std::string tonic, mode, rest;
    if (!(words >> tonic >> mode) || (words >> rest) || (mode != "major" && mode != "minor") || tonic.empty()) {
        return -1;
    }
    static const std::string letters = "C D EF G A B";  // a letter's position is its pitch class
    const auto letter = letters.find(tonic[0]);
    if (letter == std::string::npos || tonic[0] == ' ') {
        return -1;
    }
    int pitch_class = static_cast<int>(letter);
    for (std::size_t i = 1; i < tonic.size(); ++i) {
        if (tonic[i] == '#') {
            ++pitch_class;
        } else if (tonic[i] == 'b') {
            --pitch_class;
        } else {
            return -1;
        }
    }
    return (pitch_class + 12) % 12 + (mode == "major" ? 0 : 12);
}

}  // namespace timbre::plugins
