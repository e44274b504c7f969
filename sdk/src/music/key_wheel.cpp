// SPDX-License-Identifier: GPL-3.0-or-later
// Tonic names map to pitch classes (sharps and flats alike); a major key's wheel number is
// (7 * pitch class) mod 12 shifted so that C major is 8B, and a minor key shares the number
// of its relative major (three semitones up).
#include "timbre/music/key_wheel.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace timbre::music {

namespace {
std::optional<int> pitch_class(const std::string& tonic) {
    static const std::array<const char*, 12> sharps{"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    static const std::array<const char*, 12> flats{"C", "Db", "D", "Eb", "Fb", "F", "Gb", "G", "Ab", "A", "Bb", "Cb"};
    for (int p = 0; p < 12; ++p) {
        if (tonic == sharps[p] || tonic == flats[p]) {
            return tonic == "Cb" ? 11 : tonic == "Fb" ? 4 : p;
        }
    }
    return std::nullopt;
}
}  // namespace

std::string CamelotKey::code() const { return std::to_string(number) + (major ? "B" : "A"); }

std::optional<CamelotKey> camelot_key(const std::string& key_name) {
    const auto space = key_name.find(' ');
    if (space == std::string::npos) {
        return std::nullopt;
    }
    const std::string mode = key_name.substr(space + 1);
    if (mode != "major" && mode != "minor") {
        return std::nullopt;
    }
    const auto tonic = pitch_class(key_name.substr(0, space));
    if (!tonic) {
        return std::nullopt;
    }
    const bool major = mode == "major";
    const int relative_major = major ? *tonic : (*tonic + 3) % 12;
    // C major (pitch class 0) is 8B; each fifth up adds one.
    const int number = ((relative_major * 7) % 12 + 7) % 12 + 1;
    return CamelotKey{number, major};
}

int wheel_steps(const CamelotKey& a, const CamelotKey& b) {
    const int around = std::abs(a.number - b.number);
    return std::min(around, 12 - around) + (a.major != b.major ? 1 : 0);
}

}  // namespace timbre::music
