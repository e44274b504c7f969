// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.melspec puts a pure tone's energy in the band around its frequency on either mel
// scale, frames audio as documented (1 + samples/hop centred frames), applies its dB floor,
// and with a peak reference gives a track the same spectrum at any gain.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>

#include "support/plugin_harness.hpp"

using namespace timbre;

namespace {
Audio sine(double frequency_hz, double amplitude, double seconds, double rate = 22050.0) {
    std::vector<float> samples(static_cast<std::size_t>(seconds * rate));
    for (std::size_t n = 0; n < samples.size(); ++n) {
        samples[n] = static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * frequency_hz * n / rate));
    }
    return Audio(std::move(samples), rate);
}

// Centre frequency of band b of `bands` Slaney mel bands from 0 Hz to `fmax` Hz.
double band_centre_hz(std::size_t b, std::size_t bands, double fmax) {
    const auto to_mel = [](double hz) { return hz < 1000 ? hz * 3 / 200 : 15 + std::log(hz / 1000) * 27 / std::log(6.4); };
    const auto to_hz = [](double mel) { return mel < 15 ? mel * 200 / 3 : 1000 * std::exp((mel - 15) * std::log(6.4) / 27); };
    return to_hz(to_mel(fmax) * (b + 1) / (bands + 1));
}
std::size_t loudest_band(const Frames& mel) {
    const std::size_t middle = mel.frame_count() / 2;
    std::size_t loudest = 0;
    for (std::size_t b = 1; b < mel.bin_count(); ++b) {
        if (mel.at(middle, b) > mel.at(middle, loudest)) {
            loudest = b;
        }
    }
    return loudest;
}
}  // namespace

TEST_CASE("melspec puts a 1 kHz tone's energy in the band centred nearest 1 kHz", "[plugins][melspec]") {
    test::BuiltinPlugin melspec("timbre.melspec");
    const auto outputs = melspec.run("audio", sine(1000.0, 0.5, 2.0));
    const auto& mel = test::BuiltinPlugin::get<Frames>(outputs, "mel");
    REQUIRE(mel.bin_count() == 64);
    CHECK(mel.frame_count() == 1 + 44100 / 512);
    CHECK(mel.hop_seconds() == Approx(512.0 / 22050.0));
    CHECK(mel.bin_names().front() == "mel0");
    const std::size_t middle = mel.frame_count() / 2;
    std::size_t loudest = 0;
    for (std::size_t b = 1; b < mel.bin_count(); ++b) {
        if (mel.at(middle, b) > mel.at(middle, loudest)) {
            loudest = b;
        }
    }
    double nearest_distance = 1e9;
    std::size_t nearest = 0;
    for (std::size_t b = 0; b < 64; ++b) {
        if (std::abs(band_centre_hz(b, 64, 11025.0) - 1000.0) < nearest_distance) {
            nearest_distance = std::abs(band_centre_hz(b, 64, 11025.0) - 1000.0);
            nearest = b;
        }
    }
    CHECK(loudest == nearest);
}

TEST_CASE("melspec floors values at top_db below the loudest bin", "[plugins][melspec]") {
    test::BuiltinPlugin melspec("timbre.melspec", {{"top_db", 40.0}});
    const auto outputs = melspec.run("audio", sine(440.0, 0.5, 1.0));
    const auto& data = test::BuiltinPlugin::get<Frames>(outputs, "mel").data();
    const auto [low, high] = std::minmax_element(data.begin(), data.end());
    CHECK(*high - *low == Approx(40.0).margin(1e-3));
}

TEST_CASE("melspec rejects band edges above the Nyquist frequency of the audio", "[plugins][melspec]") {
    test::BuiltinPlugin melspec("timbre.melspec", {{"fmax", 16000.0}});
    // The numbers as written, not std::to_string's "16000.000000".
    CHECK_THROWS_WITH(melspec.run("audio", sine(440.0, 0.5, 1.0)),
                      Catch::Contains("band edges 0-16000 Hz do not fit below the Nyquist frequency 11025 Hz"));
    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.melspec", {{"fmin", 8000.5}, {"fmax", 8000.25}}),
                      Catch::Contains("must be below fmax (8000.25 Hz)"));
}

TEST_CASE("melspec refuses an odd frame size at configure time", "[plugins][melspec]") {
    CHECK_THROWS_WITH(test::BuiltinPlugin("timbre.melspec", {{"frame_size", std::int64_t{1001}}}),
                      Catch::Contains("frame_size") && Catch::Contains("even"));
}

TEST_CASE("melspec spaces its bands on the HTK scale when asked, as Musly's front end does", "[plugins][melspec]") {
    // 36 bands from 20 Hz to 11,025 Hz: on the HTK scale (1127 ln(1 + f/700)) band 1 is centred
    // on 137 Hz; on the Slaney scale band 0 (109 Hz) is nearest and band 1 sits at 199 Hz.
    const double htk_low = 1127.01048 * std::log1p(20.0 / 700.0), htk_high = 1127.01048 * std::log1p(11025.0 / 700.0);
    const double centre_hz = 700.0 * std::expm1((htk_low + (htk_high - htk_low) * 2.0 / 37.0) / 1127.01048);
    REQUIRE(centre_hz == Approx(137.0).margin(1.0));
    const std::map<std::string, ParamValue> musly_bands = {
        {"frame_size", std::int64_t{1024}}, {"bands", std::int64_t{36}}, {"fmin", 20.0}};
    auto htk = musly_bands;
    htk["scale"] = std::string("htk");
    test::BuiltinPlugin on_htk("timbre.melspec", htk);
    test::BuiltinPlugin on_slaney("timbre.melspec", musly_bands);
    CHECK(loudest_band(test::BuiltinPlugin::get<Frames>(on_htk.run("audio", sine(centre_hz, 0.5, 1.0)), "mel")) == 1);
    CHECK(loudest_band(test::BuiltinPlugin::get<Frames>(on_slaney.run("audio", sine(centre_hz, 0.5, 1.0)), "mel")) ==
          0);
}

TEST_CASE("melspec relative to the track's peak gives the same spectrum at any gain", "[plugins][melspec]") {
    for (const char* reference : {"peak", "full_scale"}) {
        INFO(reference);
        test::BuiltinPlugin melspec("timbre.melspec", {{"reference", std::string(reference)}, {"top_db", 0.0}});
        const auto loud = test::BuiltinPlugin::get<Frames>(melspec.run("audio", sine(440.0, 0.5, 1.0)), "mel");
        const auto quiet = test::BuiltinPlugin::get<Frames>(melspec.run("audio", sine(440.0, 0.05, 1.0)), "mel");
        const std::size_t middle = loud.frame_count() / 2, band = loudest_band(loud);
        // A tenth of the amplitude is 20 dB less re full scale, and the same re the track's peak.
        const double expected_drop = std::string(reference) == "peak" ? 0.0 : 20.0;
        CHECK(loud.at(middle, band) - quiet.at(middle, band) == Approx(expected_drop).margin(1e-3));
    }
}
