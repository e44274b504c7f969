// SPDX-License-Identifier: GPL-3.0-or-later
// Every supported format (JUCE's, libmpg123's and FFmpeg's) decodes to the right duration,
// with channels averaged to mono, from files made by ffmpeg (and mpcenc); windows select the
// right span; tags and lyrics are read.
#include <catch2/catch.hpp>

#include "decode/audio_decoder.hpp"
#include "decode/tag_reader.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"
#include "support/tone_measure.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("every supported format decodes to mono at the requested rate, at the tone's level and length", "[decode]") {
    // The fixture tone: 440 Hz at 0.5 on the left and 1000 Hz at 0.5 on the right, 3 s,
    // so the mono mix holds each at 0.25 (-12.04 dB re 1).
    struct Case {
        const char* file;
        const char* format;
        double level_tolerance_db;
        double length_tolerance_seconds = 0.01;
    };
    const Case cases[] = {{"tone.wav", "WAV file", 0.05},
                          {"tone.aiff", "AIFF file", 0.05},
                          {"tone.flac", "FLAC", 0.05},
                          {"tone.ogg", "Ogg vorbis", 0.3},
                          {"tone.opus", "Ogg opus", 0.3},
                          {"tone.m4a", "MP4 aac", 0.3},
                          {"tone.mp3", "MP3", 0.3},
                          // FFmpeg's: WMA, AC-3, DTS and Musepack end on whole codec frames
                          // (2,048, 1,536, 512 and 1,152 samples), so they may hold up to one
                          // frame more or less than 3 s.
                          {"tone.wma", "ASF wmav2", 0.3, 0.05},
                          {"tone.wv", "WavPack wavpack", 0.05},
                          {"tone.webm", "Matroska opus", 0.3},
                          {"tone.mka", "Matroska flac", 0.05},
                          {"tone.tta", "TTA tta", 0.05},
                          {"tone.caf", "CAF alac", 0.05},
                          {"tone.ac3", "AC-3 ac3", 0.3, 0.04},
                          {"tone.dts", "DTS dca", 0.3, 0.02},
                          {"tone.w64", "Wave64 pcm_s16le", 0.05},
                          {"tone.mpc", "Musepack mpc8", 0.3, 0.035},
                          // Raw AAC has no container to trim the encoder's 1,024 samples of
                          // priming: 131 frames of 1,024 (ffmpeg decodes as many).
                          {"tone.aac", "AAC aac", 0.3, 0.045},
                          {"tone.au", "Sun AU pcm_mulaw", 0.1},
                          {"tone-alaw.wav", "WAV pcm_alaw", 0.1},
                          {"tone-adpcm.wav", "WAV adpcm_ima_wav", 0.3, 0.025}};  // the last block padded
    for (const auto& c : cases) {
        INFO(c.file);
        const auto decoded = decode_audio(test::fixtures / "formats" / c.file, 22050.0, {}, ResampleQuality::medium);
        CHECK_THAT(decoded.format, Catch::StartsWith(c.format));
        CHECK(decoded.source_channels == 2);
        CHECK(decoded.audio.sample_rate_hz() == 22050.0);
        CHECK(decoded.audio.duration_seconds() == Approx(3.0).margin(c.length_tolerance_seconds));
        // No frame lost at the end, none invented: as long as the ffmpeg tool decodes it, to the
        // millisecond, or as long as the tone where the container records that (MP4's edit
        // list trims the last AAC frame's padding, which the ffmpeg tool keeps).
        const auto ffmpeg =
            test::run_command({"/usr/bin/ffmpeg", "-v", "error", "-i", (test::fixtures / "formats" / c.file).string(),
                               "-f", "f32le", "-ac", "1", "-"});
        REQUIRE(ffmpeg.exit_code == 0);
        const double ffmpeg_seconds = static_cast<double>(ffmpeg.output.size() / 4) / decoded.source_rate_hz;
        CHECK(decoded.source_duration_seconds >= std::min(ffmpeg_seconds, 3.0) - 0.001);
        CHECK(decoded.source_duration_seconds <= ffmpeg_seconds + 0.001);
        CHECK(decoded.warnings.empty());
        const auto& samples = decoded.audio.samples();
        // 2205 samples hold 44 periods of 440 Hz and 100 periods of 1 kHz at 22.05 kHz.
        const double left = test::tone_amplitude(samples, 22050.0, 440.0, 11025, 2205 * 10);
        const double right = test::tone_amplitude(samples, 22050.0, 1000.0, 11025, 2205 * 10);
        CHECK(std::abs(test::decibels(left / 0.25)) < c.level_tolerance_db);
        CHECK(std::abs(test::decibels(right / 0.25)) < c.level_tolerance_db);
    }
}

TEST_CASE("a stream whose container only estimates its length is read to its real end", "[decode]") {
    // FFmpeg estimates raw AAC's length from the bitrate of its first frames: 1.5 s for this
    // second of noise followed by five of a quiet tone. Its packets hold 6 s and all of them
    // are decoded (ffmpeg decodes 6.04 s: 1,024 samples of encoder priming, the last frame padded).
    const auto decoded =
        decode_audio(test::fixtures / "formats" / "loud-then-quiet.aac", 22050.0, {}, ResampleQuality::medium);
    CHECK(decoded.source_duration_seconds == Approx(6.04).margin(0.01));
    CHECK(decoded.audio.duration_seconds() == Approx(6.04).margin(0.01));
    const auto& samples = decoded.audio.samples();
    const double tail = test::tone_amplitude(samples, 22050.0, 440.0, 22050 * 5, 2205 * 10);
    CHECK(std::abs(test::decibels(tail / 0.01)) < 0.5);
}

TEST_CASE("a decode window selects offset and duration in seconds", "[decode]") {
    const auto path = test::fixtures / "formats" / "tone.wav";
    const auto decoded = decode_audio(path, 22050.0, {1.0, 1.5}, ResampleQuality::medium);
    CHECK(decoded.audio.duration_seconds() == Approx(1.5).margin(0.001));
    CHECK(decoded.source_duration_seconds == Approx(3.0).margin(0.001));
    const auto tail = decode_audio(path, 22050.0, {2.5, 10.0}, ResampleQuality::medium);
    CHECK(tail.audio.duration_seconds() == Approx(0.5).margin(0.001));
    CHECK_THROWS_WITH(decode_audio(path, 22050.0, {5.0, {}}, ResampleQuality::medium),
                      Catch::Contains("offset 5.00 s is past the end"));
}

TEST_CASE("each kind of bad file fails with a reason that names it", "[decode]") {
    const auto bad = test::fixtures / "library" / "bad";
    const auto reason = [&](const char* name) {
        try {
            decode_audio(bad / name, 22050.0, {}, ResampleQuality::medium);
        } catch (const DecodeError& error) {
            return std::string(error.what());
        }
        return std::string("decoded without error");
    };
    CHECK_THAT(reason("empty.wav"), Catch::Contains("file is empty"));
    CHECK_THAT(reason("zero-length.wav"), Catch::Contains("no audio samples"));
    CHECK_THAT(reason("truncated.wav"), Catch::Contains("truncated"));
    CHECK_THAT(reason("truncated.mp3"), Catch::Contains("truncated or corrupt"));
    CHECK_THAT(reason("corrupt.mp3"), Catch::Contains("no decoder recognises its content"));
    CHECK_THAT(reason("not-audio.wav"), Catch::Contains("no decoder recognises its content"));
    CHECK_THAT(reason("truncated.ogg"), Catch::Contains("truncated or corrupt"));
    CHECK_THAT(reason("no-audio.webm"), Catch::Contains("the Matroska file holds no audio stream"));
    CHECK_THAT(reason("does-not-exist.flac"), Catch::Contains("no such file"));
    CHECK_THAT(reason("."), Catch::Contains("is a directory"));
}

namespace {
void little_endian(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

// A WAVE_FORMAT_EXTENSIBLE file of 2,205 16-bit frames, `junk` bytes of a JUNK chunk (odd
// sizes padded) before its format chunk, as recorders write them.
std::string extensible_wave(std::uint32_t channels, std::uint32_t junk, std::uint32_t rate = 22050) {
    std::string body = "WAVE";
    body += "JUNK";
    little_endian(body, junk, 4);
    body += std::string(junk + junk % 2, '\0');
    body += "fmt ";
    little_endian(body, 40, 4);
    little_endian(body, 0xfffe, 2);
    little_endian(body, channels, 2);
    little_endian(body, rate, 4);
    little_endian(body, rate * 2 * channels, 4);
    little_endian(body, 2 * channels, 2);
    little_endian(body, 16, 2);
    little_endian(body, 22, 2);
    little_endian(body, 16, 2);
    little_endian(body, 0x3, 4);  // front left and right; the rest unnamed
    body += std::string("\x01\x00\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71", 16);  // PCM
    const std::uint32_t frames = 2205;
    body += "data";
    little_endian(body, frames * 2 * channels, 4);
    body += std::string(frames * 2 * channels, '\0');
    std::string file = "RIFF";
    little_endian(file, static_cast<std::uint32_t>(body.size()), 4);
    return file + body;
}
}  // namespace

TEST_CASE("a WAV header declaring more channels than the reader can name is refused before it is parsed", "[decode]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "four.wav", extensible_wave(4, 7));
    CHECK(decode_audio(scratch / "four.wav", 22050.0, {}, ResampleQuality::medium).audio.duration_seconds() ==
          Approx(0.1));
    // What the decoding fuzzer found: JUCE would form channel names past its enum's range.
    test::write_text(scratch / "many.wav", extensible_wave(3069, 7));
    CHECK_THROWS_WITH(decode_audio(scratch / "many.wav", 22050.0, {}, ResampleQuality::medium),
                      Catch::Contains("declares 3069 channels") && Catch::Contains("up to 128"));
}

TEST_CASE("a header declaring a sample rate below any audio's is refused, not resampled", "[decode]") {
    // What the decoding fuzzer found in a FLAC header: 2 Hz, so that resampling to 22,050 Hz
    // took room for 11,025 output samples per input sample (5.8 GB for a 30 s window).
    test::ScratchDirectory scratch;
    test::write_text(scratch / "two-hertz.wav", extensible_wave(2, 0, 2));
    CHECK_THROWS_WITH(decode_audio(scratch / "two-hertz.wav", 22050.0, {0.0, 30.0}, ResampleQuality::medium),
                      Catch::Contains("declares a sample rate of 2 Hz, below the 1000 Hz"));
    test::write_text(scratch / "eight-kilohertz.wav", extensible_wave(2, 0, 8000));
    CHECK(decode_audio(scratch / "eight-kilohertz.wav", 22050.0, {}, ResampleQuality::medium).source_rate_hz == 8000.0);
}

TEST_CASE("an MP3 whose header overstates its length decodes whole with a warning, and a cut one still fails",
          "[decode]") {
    // 40 frames of 1,152 samples after 20,000 bytes of ID3 padding that libmpg123's
    // estimate counts as audio (3.4 s); FFmpeg, like players, expects the 1.04 s there is.
    const auto decoded =
        decode_audio(test::fixtures / "formats" / "overstated-length.mp3", 22050.0, {}, ResampleQuality::medium);
    CHECK(decoded.audio.duration_seconds() == Approx(40 * 1152 / 44100.0).margin(0.002));
    CHECK(decoded.source_duration_seconds == Approx(40 * 1152 / 44100.0).margin(0.002));
    REQUIRE(decoded.warnings.size() == 1);
    CHECK_THAT(decoded.warnings[0], Catch::Contains("header suggests 3.56") && Catch::Contains("holds 1.04") &&
                                        Catch::Contains("analysed what decodes"));
    const double middle = test::tone_amplitude(decoded.audio.samples(), 22050.0, 440.0, 5512, 2205 * 4);
    CHECK(std::abs(test::decibels(middle / 0.5)) < 1.0);  // the tone, through a 64 kb/s encoder
    // A file cut to a third whose frame-count header names the whole length: FFmpeg expects
    // that length too, so it fails as before.
    CHECK_THROWS_WITH(decode_audio(test::fixtures / "library" / "bad" / "truncated.mp3", 22050.0, {},
                                   ResampleQuality::medium),
                      Catch::Contains("truncated or corrupt") && Catch::Contains("declares 3.0"));
    CHECK(decode_audio(test::fixtures / "formats" / "tone.mp3", 22050.0, {}, ResampleQuality::medium).warnings.empty());
}

TEST_CASE("tags and embedded lyrics are read from Vorbis comments and ID3, and WMA and WavPack tags too",
          "[decode][tags]") {
    const auto ogg = read_tags(test::fixtures / "library" / "good" / "chord.ogg");
    CHECK(ogg.artist == "Test Artist");
    CHECK(ogg.title == "Chord");
    CHECK(ogg.album == "Fixtures");
    CHECK(ogg.genre == "Test");
    CHECK(ogg.lyrics == "la la la");
    const auto mp3 = read_tags(test::fixtures / "library" / "good" / "tone.mp3");
    CHECK(mp3.artist == "Tone Artist");
    CHECK(mp3.lyrics.empty());
    const auto unicode = read_tags(test::fixtures / "library" / "with space" / "ünïcødé tråck.ogg");
    CHECK(unicode.title == "Chord");
    CHECK(read_tags(test::fixtures / "library" / "bad" / "not-audio.wav").artist.empty());
    const auto wma = read_tags(test::fixtures / "formats" / "tone.wma");
    CHECK(wma.artist == "WMA Artist");
    CHECK(wma.title == "WMA Title");
    const auto wavpack = read_tags(test::fixtures / "formats" / "tone.wv");
    CHECK(wavpack.artist == "WavPack Artist");
    CHECK(wavpack.title == "WavPack Title");
}

namespace {
// Keeps every block a decoder hands over, and how they came.
class CollectedSource : public SourceReceiver {
public:
    void begin(std::size_t channel_count, double sample_rate_hz) override {
        channels.assign(channel_count, {});
        rate = sample_rate_hz;
    }
    void add(const SourceBlock& block) override {
        ++blocks;
        for (std::size_t c = 0; c < block.channel_count; ++c) {
            channels[c].insert(channels[c].end(), block.channels[c], block.channels[c] + block.frame_count);
        }
    }
    std::vector<std::vector<float>> channels;
    double rate = 0.0;
    int blocks = 0;
};
}  // namespace

TEST_CASE("the decoder hands the source channels over block by block, and its mono is their mean", "[decode]") {
    // Decoded at the source rate, so that the mono is not resampled.
    for (const auto& [file, rate] : {std::pair{"tone.wav", 44100.0}, {"tone.flac", 44100.0}, {"tone.ogg", 48000.0}}) {
        INFO(file);
        CollectedSource source;
        const auto decoded =
            decode_audio(test::fixtures / "formats" / file, rate, {0.5, 2.0}, ResampleQuality::medium, &source);
        REQUIRE(source.channels.size() == 2);
        CHECK(source.rate == decoded.source_rate_hz);
        CHECK(source.blocks >= 2);  // 2 s at 44.1 kHz or more is over one 65,536-frame block
        const auto& mono = decoded.audio.samples();
        REQUIRE(source.channels[0].size() == mono.size());
        CHECK(mono.size() == static_cast<std::size_t>(2.0 * decoded.source_rate_hz));
        std::size_t differing = 0;
        for (std::size_t i = 0; i < mono.size(); ++i) {
            differing += mono[i] != (source.channels[0][i] + source.channels[1][i]) * 0.5f;
        }
        CHECK(differing == 0);
        // 440 Hz on the left at 0.5, 1 kHz on the right: nothing of one in the other.
        CHECK(test::tone_amplitude(source.channels[0], rate, 440.0, 0, source.channels[0].size()) ==
              Approx(0.5).epsilon(0.05));
        CHECK(test::tone_amplitude(source.channels[0], rate, 1000.0, 0, source.channels[0].size()) < 0.01);
        CHECK(test::tone_amplitude(source.channels[1], rate, 1000.0, 0, source.channels[1].size()) ==
              Approx(0.5).epsilon(0.05));
    }
}
