// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.chroma and timbre.key on synthesized tones and chord progressions: the pitch class
// of a tone, the tuning of a detuned recording, and the key of I-IV-V-I (major) and
// i-iv-V-i (minor) progressions in all 24 keys, in tune and 30 cents flat; and the key
// classifier trained on those in tune, finding them flat.
#include <catch2/catch.hpp>

#include <algorithm>

#include "plugins/tonal/key_profiles.hpp"
#include "support/command_run.hpp"
#include "support/plugin_harness.hpp"
#include "timbre/trainable.hpp"
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

TEST_CASE("the key classifier learns profiles from progressions in tune and finds all 24 keys played flat",
          "[plugins][tonal]") {
    test::BuiltinPlugin chroma("timbre.chroma");
    test::BuiltinPlugin untrained("timbre.key_classifier");
    CHECK_THROWS_AS(untrained.run("chroma", Frames(1, 12, 0.1, std::vector<float>(12, 1.0f), {})), ParameterError);
    std::vector<LabelledExample> examples;
    std::vector<Value> flat;
    for (int key = 0; key < 24; ++key) {
        const bool minor = key >= 12;
        const auto in_tune = chroma.run("audio", Audio(progression(48 + key % 12, minor, 0.0), test::kRate));
        Outputs inputs;
        inputs.put("chroma", *in_tune.values().at("harmonic_chroma"));
        examples.push_back({Inputs(inputs.values()), plugins::key_name(key)});
        flat.push_back(*chroma.run("audio", Audio(progression(48 + key % 12, minor, -30.0), test::kRate))
                            .values()
                            .at("harmonic_chroma"));
    }
    test::ScratchDirectory scratch;
    untrained.as<Trainable>().train(examples, scratch / "key.yaml");
    test::BuiltinPlugin trained("timbre.key_classifier", {{"model", (scratch / "key.yaml").string()}});
    for (int key = 0; key < 24; ++key) {
        INFO(plugins::key_name(key));
        const auto outputs = trained.run("chroma", flat[key]);
        CHECK(test::BuiltinPlugin::get<Text>(outputs, "key").text == plugins::key_name(key));
        CHECK(test::BuiltinPlugin::get<Labels>(outputs, "labels").top() == plugins::key_name(key));
        CHECK(test::BuiltinPlugin::get<Scalar>(outputs, "mode").value == (key < 12 ? 1.0 : 0.0));
        const auto& pitch_classes = test::BuiltinPlugin::get<Vector>(outputs, "pitch_classes");
        CHECK(*std::max_element(pitch_classes.values().begin(), pitch_classes.values().end()) == 1.0);
    }
}
