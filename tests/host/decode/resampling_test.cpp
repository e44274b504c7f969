// SPDX-License-Identifier: GPL-3.0-or-later
// The resampler is band-limited: tones below the new Nyquist frequency keep their level,
// tones above it are removed instead of folding back as aliases (which linear interpolation
// would do).
#include <catch2/catch.hpp>

#include "decode/audio_decoder.hpp"
#include "support/test_paths.hpp"
#include "support/tone_measure.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("resampler keeps a 1 kHz sine within 0.1 dB from 44.1 to 22.05 kHz", "[decode][resample]") {
    for (const auto quality : {ResampleQuality::fastest, ResampleQuality::medium, ResampleQuality::best}) {
        const auto decoded = decode_audio(test::fixtures / "formats" / "sine1k.wav", 22050.0, {}, quality);
        REQUIRE(decoded.audio.sample_rate_hz() == 22050.0);
        CHECK(decoded.audio.samples().size() == Approx(44100).margin(2));
        // 441 samples hold exactly 20 periods of 1 kHz at 22.05 kHz; measure 40 x 20 periods mid-signal.
        const double amplitude = test::tone_amplitude(decoded.audio.samples(), 22050.0, 1000.0, 4410, 441 * 40);
        CHECK(std::abs(test::decibels(amplitude / 0.5)) < 0.1);
    }
}

TEST_CASE("resampler removes a 15 kHz tone above the new Nyquist frequency (>60 dB)", "[decode][resample]") {
    const auto decoded = decode_audio(test::fixtures / "formats" / "sine15k.wav", 22050.0, {}, ResampleQuality::medium);
    const auto& samples = decoded.audio.samples();
    double energy = 0.0;
    for (std::size_t n = 2205; n < samples.size() - 2205; ++n) {
        energy += samples[n] * samples[n];
    }
    const double rms = std::sqrt(energy / (samples.size() - 4410));
    const double alias = test::tone_amplitude(samples, 22050.0, 22050.0 - 15000.0, 2205, 17640);
    CHECK(test::decibels(rms / (0.5 / std::sqrt(2.0))) < -60.0);
    CHECK(test::decibels(alias / 0.5) < -60.0);
}

TEST_CASE("resampling up from 44.1 to 48 kHz keeps the tone's frequency and level", "[decode][resample]") {
    const auto decoded = decode_audio(test::fixtures / "formats" / "sine1k.wav", 48000.0, {}, ResampleQuality::medium);
    CHECK(decoded.audio.samples().size() == Approx(96000).margin(2));
    // 48 samples = one period of 1 kHz at 48 kHz.
    const double amplitude = test::tone_amplitude(decoded.audio.samples(), 48000.0, 1000.0, 4800, 48 * 1500);
    CHECK(std::abs(test::decibels(amplitude / 0.5)) < 0.1);
    CHECK(test::tone_amplitude(decoded.audio.samples(), 48000.0, 1100.0, 4800, 48 * 1500) < 0.01);
}
