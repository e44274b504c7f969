// SPDX-License-Identifier: GPL-3.0-or-later
// Musical keys as DJs and harmonic mixing use them: the Camelot wheel (the circle of fifths
// with each minor key beside its relative major), so that a similarity metric and a playlist
// strategy measure "how far apart are these keys" the same way.
#pragma once

#include <optional>
#include <string>

namespace timbre::music {

struct CamelotKey {
    int number = 1;      // 1..12 around the circle of fifths; neighbours are a fifth apart
    bool major = false;  // 'B' on the wheel; minor keys are 'A'
    std::string code() const;  // "8A" (A minor), "8B" (C major)
};

// Reads "A minor", "C# major", "Bb major" (what timbre.key writes); nullopt for anything else.
std::optional<CamelotKey> camelot_key(const std::string& key_name);

// Steps between two keys on the wheel: around the circle (0..6), plus 1 when the modes
// differ. Relative keys (8A, 8B) are 1 apart, a fifth (8A, 9A) 1, a tritone 6 (or 7).
int wheel_steps(const CamelotKey& a, const CamelotKey& b);

}  // namespace timbre::music
