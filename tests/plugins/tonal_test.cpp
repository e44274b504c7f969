// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.chroma and timbre.key on synthesized tones and chord progressions: the pitch class
// of a tone, the tuning of a detuned recording, and the key of I-IV-V-I (major) and
// i-iv-V-i (minor) progressions in all 24 keys, in tune and 30 cents flat.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"
#include "support/signals.hpp"

using namespace timbre;

namespace {
std::vector<float> progression(int tonic, bool minor, double detune_cents) {
    const int third = minor ? 3 : 4;
    const std::vector<std::vector<int>> chords{{0, third, 7}, {5, 5 + third, 12}, {7, 11, 14}, {0, third, 7}};
    std::vector<float> samples;
    for (int repeat = 0; repeat < 2; ++repeat) {
        for (const auto& shape : chords) {
            std::vector<int> notes;
            for (int step : shape) {
                notes.push_back(tonic + step);
            }
            const auto part = test::chord(notes, 1.0, detune_cents);
            samples.insert(samples.end(), part.begin(), part.end());
        }
    }
    return samples;
}
}  // namespace

TEST_CASE("the chroma of an A4 tone peaks in pitch class A", "[plugins][tonal]") {
    test::BuiltinPlugin chroma("timbre.chroma");
    const auto outputs = chroma.run("audio", Audio(test::tones({{440.0, 0.5}}, 2.0), test::kRate));
    const auto& frames = test::BuiltinPlugin::get<Frames>(outputs, "chroma");
    REQUIRE(frames.bin_names()[9] == "A");
    const std::size_t middle = frames.frame_count() / 2;
    for (std::size_t c = 0; c < 12; ++c) {
        CHECK(frames.at(middle, c) <= frames.at(middle, 9));
    }
    CHECK(frames.at(middle, 9) == 1.0f);
}

TEST_CASE("chroma estimates the tuning of a chord played 30 cents flat", "[plugins][tonal]") {
    test::BuiltinPlugin chroma("timbre.chroma");
    const auto outputs = chroma.run("audio", Audio(test::chord({60, 64, 67}, 3.0, -30.0), test::kRate));
    CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "tuning").value == Approx(-30.0).margin(3.0));
}

TEST_CASE("key finds all 24 keys of synthesized progressions, in tune and 30 cents flat", "[plugins][tonal]") {
    test::BuiltinPlugin chroma("timbre.chroma");
    test::BuiltinPlugin key("timbre.key");
    const char* names[] = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    for (const double detune : {0.0, -30.0}) {
        for (int tonic = 0; tonic < 12; ++tonic) {
            for (const bool minor : {false, true}) {
                const std::string expected = std::string(names[tonic]) + (minor ? " minor" : " major");
                INFO(expected << ", detuned " << detune << " cents");
                const auto profile = chroma.run("audio", Audio(progression(48 + tonic, minor, detune), test::kRate));
                const auto outputs = key.run("chroma", *profile.values().at("chroma"));
                CHECK(test::BuiltinPlugin::get<Text>(outputs, "key").text == expected);
                CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "mode").value == (minor ? 0.0 : 1.0));
                CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "strength").value > 0.7);
            }
        }
    }
}
