// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.fluctuation on hand-made log-mel spectrograms whose answer is known: one band's
// loudness swinging at 4 Hz shows as that band's peak at 4 Hz and nowhere else; the pattern
// does not change with the level; a faster swing moves the centre of gravity up; a clip
// shorter than a segment still gets a pattern; impossible settings are refused.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "support/plugin_harness.hpp"

using namespace timbre;

namespace {
constexpr double kHop = 512.0 / 22050.0;  // timbre.melspec's default frames
constexpr std::size_t kMelBands = 64;

// A steady spectrum at `level` dB, with mel bands [first, last) swinging by `depth` dB at `hz`.
Frames swinging(double seconds, double level, std::size_t first, std::size_t last, double hz, double depth) {
    const auto frames = static_cast<std::size_t>(seconds / kHop);
    std::vector<float> data(frames * kMelBands);
    for (std::size_t t = 0; t < frames; ++t) {
        for (std::size_t b = 0; b < kMelBands; ++b) {
            const double swing =
                b >= first && b < last ? depth * std::sin(2.0 * std::numbers::pi * hz * t * kHop) : 0.0;
            data[t * kMelBands + b] = static_cast<float>(level - 0.5 * b + swing);
        }
    }
    return Frames(frames, kMelBands, kHop, std::move(data));
}

double named_value(const Vector& vector, const std::string& name) {
    const auto it = std::find(vector.names().begin(), vector.names().end(), name);
    REQUIRE(it != vector.names().end());
    return vector.values()[static_cast<std::size_t>(it - vector.names().begin())];
}
}  // namespace

TEST_CASE("a band swinging at 4 Hz is the pattern's peak, in that band at 4 Hz, and the level does not matter",
          "[plugins][fluctuation]") {
    test::BuiltinPlugin fluctuation("timbre.fluctuation");
    // 8 bands of 64 mel bands: band 2 is mel bands 8..15.
    const auto outputs = fluctuation.run("mel", swinging(30.0, -30.0, 8, 16, 4.0, 6.0));
    const auto& pattern = test::BuiltinPlugin::get<Vector>(outputs, "pattern");
    REQUIRE(pattern.size() == 8 * 20);
    const auto peak = std::max_element(pattern.values().begin(), pattern.values().end());
    const std::string& name = pattern.names()[static_cast<std::size_t>(peak - pattern.values().begin())];
    INFO(name << " " << *peak);
    CHECK((name == "b02_3.75Hz" || name == "b02_4.25Hz"));
    // A 6 dB swing, seen through the window's main lobe and the bin's average: a few dB.
    CHECK(*peak > 1.0);
    CHECK(*peak < 6.0);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!pattern.names()[i].starts_with("b02_")) {
            CHECK(pattern.values()[i] < 1e-3);
        }
    }
    CHECK(named_value(test::BuiltinPlugin::get<Vector>(outputs, "descriptors"), "gravity_hz") == Approx(4.0).margin(0.5));

    const auto louder = fluctuation.run("mel", swinging(30.0, -10.0, 8, 16, 4.0, 6.0));
    const auto& same = test::BuiltinPlugin::get<Vector>(louder, "pattern");
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        CHECK(same.values()[i] == Approx(pattern.values()[i]).margin(1e-4));
    }
}

TEST_CASE("a faster swing moves the pattern's centre of gravity up", "[plugins][fluctuation]") {
    test::BuiltinPlugin fluctuation("timbre.fluctuation");
    const auto gravity = [&](double hz) {
        const auto outputs = fluctuation.run("mel", swinging(30.0, -30.0, 0, 64, hz, 6.0));
        return named_value(test::BuiltinPlugin::get<Vector>(outputs, "descriptors"), "gravity_hz");
    };
    const double slow = gravity(1.5), fast = gravity(7.0);
    CHECK(slow == Approx(1.5).margin(0.5));
    CHECK(fast == Approx(7.0).margin(0.5));
}

TEST_CASE("a clip shorter than a segment still has a pattern, and settings that cannot work are refused",
          "[plugins][fluctuation]") {
    test::BuiltinPlugin fluctuation("timbre.fluctuation");
    const auto outputs = fluctuation.run("mel", swinging(2.0, -30.0, 0, 64, 4.0, 6.0));
    const auto& pattern = test::BuiltinPlugin::get<Vector>(outputs, "pattern");
    CHECK(std::all_of(pattern.values().begin(), pattern.values().end(), [](double v) { return std::isfinite(v); }));
    CHECK(*std::max_element(pattern.values().begin(), pattern.values().end()) > 0.1);

    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.fluctuation", {{"segment_seconds", 1.5}}),
                      Catch::Contains("segment_seconds") && Catch::Contains("modulation_bins / max_hz = 2"));
    test::BuiltinPlugin too_fast("timbre.fluctuation", {{"max_hz", 30.0}, {"segment_seconds", 6.0}});
    CHECK_THROWS_WITH(too_fast.run("mel", swinging(30.0, -30.0, 0, 64, 4.0, 6.0)),
                      Catch::Contains("max_hz 30") && Catch::Contains("per second"));
}
