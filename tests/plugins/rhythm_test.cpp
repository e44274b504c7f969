// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.rhythm on click tracks at known tempi from 60 to 200 BPM: the tempo is within 2%,
// or it is exactly half the true tempo and the double candidate is flagged as strong; beats
// land within 50 ms of the clicks.
#include <catch2/catch.hpp>

#include "decode/audio_decoder.hpp"
#include "support/plugin_harness.hpp"

using namespace timbre;

namespace {
double value(const Vector& vector, const std::string& name) {
    const auto it = std::find(vector.names().begin(), vector.names().end(), name);
    return vector.values()[static_cast<std::size_t>(it - vector.names().begin())];
}
}  // namespace

TEST_CASE("tempo of click tracks from 60 to 200 BPM is within 2%, or its half with the double flagged",
          "[plugins][rhythm]") {
    test::BuiltinPlugin melspec("timbre.melspec");
    test::BuiltinPlugin rhythm("timbre.rhythm");
    int exact = 0;
    for (const int bpm : {60, 75, 90, 100, 110, 120, 128, 140, 150, 160, 174, 180, 200}) {
        INFO(bpm << " BPM");
        const auto audio = host::decode_audio(test::fixtures / "clicks" / ("click_" + std::to_string(bpm) + ".wav"),
                                              22050.0, {}, host::ResampleQuality::medium);
        const auto mel = melspec.run("audio", audio.audio);
        const auto outputs = rhythm.run("mel", *mel.values().at("mel"));
        const auto& tempo = test::BuiltinPlugin::get<Vector>(outputs, "tempo");
        const double found = value(tempo, "bpm");
        if (std::abs(found / bpm - 1.0) < 0.02) {
            ++exact;
            const auto& beats = test::BuiltinPlugin::get<Frames>(outputs, "beats");
            const double period = 60.0 / bpm;
            // The clips are long enough for many beats: finding almost none must fail, not pass.
            CHECK(static_cast<double>(beats.frame_count()) >= 0.8 * audio.audio.duration_seconds() / period);
            for (std::size_t b = 0; b < beats.frame_count(); ++b) {
                const double time = beats.at(b, 0);
                const double offset = time - std::round(time / period) * period;
                CHECK(std::abs(offset) < 0.05);
            }
        } else {
            CHECK(std::abs(found * 2.0 / bpm - 1.0) < 0.02);
            CHECK(value(tempo, "double_bpm") == Approx(found * 2.0));
            CHECK(value(tempo, "double_strength") > 0.5);
        }
        CHECK(value(tempo, "confidence") > 0.5);
    }
    CHECK(exact >= 10);
}

TEST_CASE("silence has no tempo and no beats", "[plugins][rhythm]") {
    test::BuiltinPlugin melspec("timbre.melspec");
    test::BuiltinPlugin rhythm("timbre.rhythm");
    const auto mel = melspec.run("audio", Audio(std::vector<float>(22050 * 10, 0.0f), 22050.0));
    const auto outputs = rhythm.run("mel", *mel.values().at("mel"));
    CHECK(value(test::BuiltinPlugin::get<Vector>(outputs, "tempo"), "bpm") == 0.0);
    CHECK(test::BuiltinPlugin::get<Frames>(outputs, "beats").frame_count() == 0);
}
