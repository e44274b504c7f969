// SPDX-License-Identifier: GPL-3.0-or-later
// JUCE reads WAV, AIFF and FLAC, picking the reader by file content (trying the extension's
// format first); MPEG audio, recognised by FFmpeg's probe, goes to libmpg123, and Ogg and
// every other audio container (and WAV or AIFF codecs JUCE lacks) to FFmpeg. Everything JUCE
// cannot say clearly (missing file, empty file, no samples, a window past the end, a header
// promising more audio than the file holds) is checked here so that each failure reads as
// one sentence naming the cause.
#include "decode/audio_decoder.hpp"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <system_error>

#include "decode/expected_duration.hpp"
#include "decode/ffmpeg_audio_reader.hpp"
#include "decode/mpeg_audio_reader.hpp"
#include "decode/mpeg_audio_sniffing.hpp"
#include "decode/resampler.hpp"
#include "decode/wave_header.hpp"
#include "timbre/number_text.hpp"

namespace timbre::host {

namespace {

constexpr int kBlockSamples = 1 << 16;
// Below any rate audio is recorded at (telephone speech is 8,000 Hz): a header declaring 2 Hz
// is damaged, and resampling it would ask for 11,025 output samples per input sample.
constexpr double kLowestSampleRate = 1000.0;
// MP3 without a frame-count header only estimates its length from the bitrate; a stream
// that ends a little early is normal, one that ends well short was cut or damaged, unless
// FFmpeg's estimate (which leaves tags out) agrees with what decoded: then the header is wrong.
constexpr double kShortestAcceptedFraction = 0.9;
// When a block read fails, the block is re-read in steps of one MP3 frame, and the failing
// step by halves, to find the decodable audio's last sample.
constexpr int kEndSearchStep = 1152;

// "0.52 s": a duration in a message, to the hundredth of a second.
std::string seconds_text(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", seconds);
    return text;
}

juce::File juce_file(const std::filesystem::path& file) {
    return juce::File(juce::String::fromUTF8(std::filesystem::absolute(file).string().c_str()));
}

void check_readable(const std::filesystem::path& file) {
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (error || !std::filesystem::exists(status)) {
        throw DecodeError("no such file");
    }
    if (std::filesystem::is_directory(status)) {
        throw DecodeError("is a directory, not an audio file");
    }
    if (std::filesystem::file_size(file, error) == 0 && !error) {
        throw DecodeError("file is empty (0 bytes)");
    }
    if (FILE* handle = std::fopen(file.c_str(), "rb")) {
        std::fclose(handle);
    } else {
        throw DecodeError(std::string("cannot open: ") + std::strerror(errno));
    }
}

// Why no reader accepted a file: its content is no audio format timbre decodes.
std::string unrecognised_content_reason() {
    return "not a readable audio file: no decoder recognises its content (timbre decodes WAV, AIFF, FLAC, MP3, "
           "Ogg, MP4/M4A, WMA, WavPack, Monkey's Audio, Musepack, Matroska/WebM, TTA, AC-3, DTS, CAF, AU and DSD)";
}

// Uncompressed formats declare their length in the header; a file cut short holds fewer
// bytes than that and JUCE would silently pad it with zeros. (FFmpeg's readers, "WAV
// pcm_alaw" or "WavPack wavpack", stop where the audio does.)
void check_not_truncated(const juce::AudioFormatReader& reader, const std::filesystem::path& file) {
    const auto format = reader.getFormatName();
    if (format != "WAV file" && format != "AIFF file") {
        return;
    }
    const auto bytes_declared = static_cast<std::uintmax_t>(reader.lengthInSamples) * reader.numChannels *
                                (reader.bitsPerSample / 8);
    const auto bytes_present = std::filesystem::file_size(file);
    if (bytes_declared > bytes_present) {
        const double seconds_declared = reader.lengthInSamples / reader.sampleRate;
        throw DecodeError("truncated: the header declares " + seconds_text(seconds_declared) + " of audio (" +
                          std::to_string(bytes_declared) + " bytes) but the file holds only " +
                          std::to_string(bytes_present) + " bytes");
    }
}

// Where decoded blocks go: averaged to mono and through the resampler onto the end of the
// result, whose room is taken up front (the whole track, the resampler's last block and
// tail: a long track's result never has to be copied to grow); and as they are to the
// source receiver, when there is one.
class BlockDestination {
public:
    BlockDestination(std::size_t channels, double rate, std::int64_t frames, double target_rate_hz,
                     ResampleQuality quality, SourceReceiver* source)
        : resampler_(rate, target_rate_hz, quality), target_rate_hz_(target_rate_hz), source_(source),
          mono_(kBlockSamples) {
        audio_.reserve(static_cast<std::size_t>(std::ceil((frames + 2.0 * kBlockSamples) * target_rate_hz / rate)) +
                       4096);
        if (source_) {
            source_->begin(channels, rate);
        }
    }

    // `samples` (at most kBlockSamples) frames of `channels` channels.
    void add(const float* const* block, std::size_t channels, std::size_t samples) {
        const float scale = 1.0f / static_cast<float>(channels);
        std::fill(mono_.begin(), mono_.begin() + static_cast<std::ptrdiff_t>(samples), 0.0f);
        for (std::size_t c = 0; c < channels; ++c) {
            const float* in = block[c];
            for (std::size_t i = 0; i < samples; ++i) {
                mono_[i] += in[i] * scale;
            }
        }
        if (!std::all_of(mono_.begin(), mono_.begin() + static_cast<std::ptrdiff_t>(samples),
                         [](float s) { return std::isfinite(s); })) {
            throw DecodeError("decoded samples contain NaN or infinity");
        }
        if (source_) {
            source_->add({block, channels, samples});
        }
        resampler_.push(mono_.data(), samples, audio_);
    }

    // The mono result at the target rate, the resampler's tail included; call once, last.
    Audio finish() {
        resampler_.finish(audio_);
        return Audio(std::move(audio_), target_rate_hz_);
    }

private:
    Resampler resampler_;
    double target_rate_hz_;
    SourceReceiver* source_;
    std::vector<float> mono_;
    std::vector<float> audio_;
};

// Decodes `count` samples from `start` block by block into `destination`; returns how many
// could be decoded before the stream ended (count when it did not end early).
juce::int64 decode_blocks(juce::AudioFormatReader& reader, juce::int64 start, juce::int64 count,
                          BlockDestination& destination) {
    const int channels = static_cast<int>(reader.numChannels);
    juce::AudioBuffer<float> block(channels, kBlockSamples);
    for (juce::int64 done = 0; done < count;) {
        const int wanted = static_cast<int>(std::min<juce::int64>(kBlockSamples, count - done));
        if (reader.read(block.getArrayOfWritePointers(), channels, start + done, wanted)) {
            destination.add(block.getArrayOfReadPointers(), reader.numChannels, static_cast<std::size_t>(wanted));
            done += wanted;
            continue;
        }
        std::vector<float*> pointers(static_cast<std::size_t>(channels));
        const auto read_at = [&](int offset, int samples) {
            for (int c = 0; c < channels; ++c) {
                pointers[static_cast<std::size_t>(c)] = block.getWritePointer(c, offset);
            }
            return reader.read(pointers.data(), channels, start + done + offset, samples);
        };
        int good = 0;
        while (good < wanted) {
            const int step = std::min(kEndSearchStep, wanted - good);
            if (!read_at(good, step)) {
                // The stream ends inside this step: its last sample, by halving.
                int fits = 0, fails = step;
                while (fails - fits > 1) {
                    const int middle = (fits + fails) / 2;
                    (read_at(good, middle) ? fits : fails) = middle;
                }
                if (fits > 0) {
                    read_at(good, fits);
                }
                good += fits;
                break;
            }
            good += step;
        }
        destination.add(block.getArrayOfReadPointers(), reader.numChannels, static_cast<std::size_t>(good));
        return done + good;
    }
    return count;
}

}  // namespace

DecodedAudio decode_audio(const std::filesystem::path& file, double target_rate_hz, const DecodeWindow& window,
                          ResampleQuality quality, SourceReceiver* source) {
    check_readable(file);
    if (const auto channels = wave_channel_count(file); channels && *channels > kMostWaveChannels) {
        throw DecodeError("corrupt header: the WAV format chunk declares " + std::to_string(*channels) +
                          " channels (timbre reads WAV files of up to " + std::to_string(kMostWaveChannels) + ")");
    }
    juce::AudioFormatManager formats;
    formats.registerFormat(new juce::WavAudioFormat(), true);
    formats.registerFormat(new juce::AiffAudioFormat(), false);
    formats.registerFormat(new juce::FlacAudioFormat(), false);
    formats.registerFormat(new juce::OggVorbisAudioFormat(), false);
    std::unique_ptr<juce::AudioFormatReader> reader(formats.createReaderFor(juce_file(file)));
    if (!reader && holds_mpeg_audio(file)) {
        reader = open_mpeg_audio(file);
        if (!reader) {
            throw DecodeError("corrupt MP3: libmpg123 finds no decodable MPEG audio frames");
        }
    }
    if (!reader || reader->getFormatName().containsIgnoreCase("Ogg")) {
        if (auto ffmpeg = open_ffmpeg_audio(file)) {
            reader = std::move(ffmpeg);
        } else if (reader && reader->lengthInSamples <= 0) {
            throw DecodeError("truncated or corrupt Ogg stream: its pages end before the audio length can be read");
        }
    }
    if (!reader) {
        throw DecodeError(unrecognised_content_reason());
    }
    if (reader->sampleRate <= 0 || reader->numChannels == 0) {
        throw DecodeError("corrupt header: " + std::to_string(reader->numChannels) + " channels at " +
                          std::to_string(std::llround(reader->sampleRate)) + " Hz");
    }
    if (reader->sampleRate < kLowestSampleRate) {
        throw DecodeError("corrupt header: it declares a sample rate of " +
                          std::to_string(std::llround(reader->sampleRate)) + " Hz, below the " +
                          std::to_string(std::llround(kLowestSampleRate)) + " Hz timbre takes for audio");
    }
    if (reader->lengthInSamples <= 0) {
        throw DecodeError("contains no audio samples (zero-length stream)");
    }
    check_not_truncated(*reader, file);

    const double rate = reader->sampleRate;
    const auto total = reader->lengthInSamples;
    const auto start = static_cast<juce::int64>(std::llround(window.offset_seconds * rate));
    if (start >= total) {
        throw DecodeError("offset " + seconds_text(window.offset_seconds) + " is past the end of the track (" +
                          seconds_text(total / rate) + ")");
    }
    auto count = total - start;
    if (window.duration_seconds) {
        count = std::min<juce::int64>(count, std::llround(*window.duration_seconds * rate));
    }

    const int channels = static_cast<int>(reader->numChannels);
    BlockDestination destination(static_cast<std::size_t>(channels), rate, count, target_rate_hz, quality, source);
    const juce::int64 decoded = decode_blocks(*reader, start, count, destination);
    if (decoded == 0) {
        throw DecodeError("contains no decodable audio (the " + reader->getFormatName().toStdString() +
                          " stream ends before its first frame)");
    }
    const auto declared = static_cast<double>(total);
    const bool ended_early = decoded < count;
    std::vector<std::string> warnings;
    if (ended_early && start + decoded < declared * kShortestAcceptedFraction) {
        const double decoded_seconds = (start + decoded) / rate;
        const auto expected = reader->getFormatName().containsIgnoreCase("MP3") ? expected_duration_seconds(file)
                                                                                 : std::nullopt;
        if (!expected || decoded_seconds < *expected * kShortestAcceptedFraction) {
            throw DecodeError("truncated or corrupt: decodable audio ends at " + seconds_text(decoded_seconds) +
                              " but the file declares " + seconds_text(declared / rate));
        }
        // libmpg123 estimated the length (no frame-count header) and FFmpeg's estimate agrees
        // with the stream: the header is wrong, not the audio (tag bytes counted as audio, say).
        warnings.push_back("the MP3 header suggests " + seconds_text(declared / rate) + " but its stream holds " +
                           seconds_text(decoded_seconds) + ", all of it decoded (FFmpeg expects as much): "
                           "analysed what decodes");
    }
    const double source_duration = (ended_early ? static_cast<double>(start + decoded) : declared) / rate;
    return DecodedAudio{destination.finish(), reader->getFormatName().toStdString(), rate, channels, source_duration,
                        std::move(warnings)};
}

Audio downmix_samples(const float* const* channels, std::size_t channel_count, std::size_t frames,
                      double sample_rate_hz, double target_rate_hz, ResampleQuality quality, SourceReceiver* source) {
    if (channel_count == 0 || frames == 0) {
        throw DecodeError("no samples (" + std::to_string(channel_count) + " channels of " + std::to_string(frames) +
                          " frames)");
    }
    if (!(sample_rate_hz > 0.0)) {
        throw DecodeError("sample rate must be > 0 Hz, got " + number_text(sample_rate_hz));
    }
    BlockDestination destination(channel_count, sample_rate_hz, static_cast<std::int64_t>(frames), target_rate_hz, quality,
                                 source);
    std::vector<const float*> block(channel_count);
    for (std::size_t start = 0; start < frames; start += kBlockSamples) {
        for (std::size_t c = 0; c < channel_count; ++c) {
            block[c] = channels[c] + start;
        }
        destination.add(block.data(), channel_count, std::min<std::size_t>(kBlockSamples, frames - start));
    }
    return destination.finish();
}

}  // namespace timbre::host
