// SPDX-License-Identifier: GPL-3.0-or-later
// One demuxer and one decoder per reader, converting each decoded frame to float per
// channel. Reads are sequential in practice (the decoder reads a track front to back from
// its window's start), so the reader keeps only what was decoded from the last read's start
// on (a read again from there, as the search for a stream's last sample makes, costs
// nothing); a read that goes further back reopens the file. Packets FFmpeg rejects as invalid
// are skipped, as the ffmpeg tool does; a stream that yields no audio at all ends the read.
#include "decode/ffmpeg_audio_reader.hpp"

#include "decode/audio_decoder.hpp"
#include "decode/ffmpeg_container.hpp"

#include <juce_audio_formats/juce_audio_formats.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/samplefmt.h>
}

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace timbre::host {

namespace {

struct CodecFreer {
    void operator()(AVCodecContext* codec) const { avcodec_free_context(&codec); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};

// An opened audio stream: its container, its decoder and the scratch packet and frame.
struct Stream {
    FfmpegContainer format;
    std::unique_ptr<AVCodecContext, CodecFreer> codec;
    std::unique_ptr<AVPacket, PacketFreer> packet{av_packet_alloc()};
    std::unique_ptr<AVFrame, FrameFreer> frame{av_frame_alloc()};
    int index = -1;
    bool draining = false;
    bool declares_exact_length = true;  // Container::declares_exact_length
};

// The audio containers FFmpeg reads for timbre, by demuxer name. FFmpeg would also open many
// non-audio files (text, images, subtitles) that must stay "not an audio file", so only these
// are taken; WAV, AIFF and FLAC come here only when JUCE cannot read their codec (A-law,
// ADPCM, compressed AIFF-C).
struct Container {
    std::string name;  // as timbre reports it
    // Whether the length the demuxer declares was found to match what decodes (30 s files
    // encoded by ffmpeg). Musepack's is rounded down to 1.67 s steps (28.4 s of 30 s); the
    // others are untested here. Where it is not, the packets are counted.
    bool declares_exact_length;
};

std::optional<Container> audio_container(const AVInputFormat& format) {
    static const std::map<std::string, Container> containers{{"ogg", {"Ogg", true}},
                                                             {"mov,mp4,m4a,3gp,3g2,mj2", {"MP4", true}},
                                                             {"asf", {"ASF", true}},
                                                             {"matroska,webm", {"Matroska", true}},
                                                             {"wv", {"WavPack", true}},
                                                             {"tta", {"TTA", true}},
                                                             {"caf", {"CAF", true}},
                                                             {"au", {"Sun AU", true}},
                                                             {"w64", {"Wave64", true}},
                                                             {"wav", {"WAV", true}},
                                                             {"aiff", {"AIFF", true}},
                                                             {"flac", {"FLAC", true}},
                                                             {"ac3", {"AC-3", true}},
                                                             {"eac3", {"E-AC-3", true}},
                                                             {"dts", {"DTS", true}},
                                                             {"aac", {"AAC", true}},
                                                             {"mpc", {"Musepack", false}},
                                                             {"mpc8", {"Musepack", false}},
                                                             {"ape", {"Monkey's Audio", false}},
                                                             {"tak", {"TAK", false}},
                                                             {"shn", {"Shorten", false}},
                                                             {"amr", {"AMR", false}},
                                                             {"dsf", {"DSF", false}},
                                                             {"iff", {"DSDIFF", false}}};
    const auto it = containers.find(format.name);
    return it == containers.end() ? std::nullopt : std::optional<Container>(it->second);
}

// The length of a stream's packets, counted without decoding them, or nullopt if they carry
// none.
std::optional<std::int64_t> counted_samples(AVFormatContext& format, int index) {
    std::unique_ptr<AVPacket, PacketFreer> packet{av_packet_alloc()};
    const AVStream& stream = *format.streams[index];
    const AVRational per_sample{1, stream.codecpar->sample_rate};
    std::int64_t samples = 0;
    while (packet && av_read_frame(&format, packet.get()) >= 0) {
        if (packet->stream_index == index) {
            if (packet->duration <= 0) {
                return std::nullopt;
            }
            // Each packet on its own: a raw AC-3 frame of 1,536 samples lasts 3,134.7 ticks of
            // 1/90,000 s, stored as 3,134, and their sum would come 0.7 ticks short per frame.
            samples += av_rescale_q(packet->duration, stream.time_base, per_sample);
        }
        av_packet_unref(packet.get());
    }
    return samples;
}

std::optional<Stream> open_stream(const std::filesystem::path& file, std::string* format_name) {
    Stream stream;
    stream.format = open_ffmpeg_container(file);
    if (!stream.format) {
        return std::nullopt;
    }
    AVFormatContext* format = stream.format.get();
    const auto found = audio_container(*format->iformat);
    if (!found) {
        return std::nullopt;
    }
    const std::string& container = found->name;
    stream.declares_exact_length = found->declares_exact_length;
    if (avformat_find_stream_info(format, nullptr) < 0) {
        throw DecodeError("corrupt " + container + " file: FFmpeg cannot read its streams");
    }
    const AVCodec* decoder = nullptr;
    stream.index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (stream.index == AVERROR_STREAM_NOT_FOUND) {
        throw DecodeError("the " + container + " file holds no audio stream");
    }
    if (stream.index < 0 || !decoder) {
        const int audio = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        const char* codec = audio >= 0 ? avcodec_get_name(format->streams[audio]->codecpar->codec_id) : "unknown";
        throw DecodeError("no decoder for the " + std::string(codec) + " audio of this " + container + " file");
    }
    stream.codec.reset(avcodec_alloc_context3(decoder));
    if (!stream.codec || avcodec_parameters_to_context(stream.codec.get(), format->streams[stream.index]->codecpar) < 0) {
        return std::nullopt;
    }
    stream.codec->thread_count = 1;
    if (avcodec_open2(stream.codec.get(), decoder, nullptr) < 0 || !stream.packet || !stream.frame) {
        throw DecodeError("FFmpeg's " + std::string(decoder->name) + " decoder cannot open the audio of this " +
                          container + " file");
    }
    if (format_name) {
        *format_name = container + " " + decoder->name;
    }
    return stream;
}

template <typename Sample>
void append_channel(const AVFrame& frame, int channel, int channels, bool planar, double scale, double bias,
                    std::vector<float>& out) {
    const auto* data = reinterpret_cast<const Sample*>(planar ? frame.extended_data[channel] : frame.extended_data[0]);
    const int stride = planar ? 1 : channels;
    const int first = planar ? 0 : channel;
    for (int n = 0; n < frame.nb_samples; ++n) {
        out.push_back(static_cast<float>((static_cast<double>(data[first + n * stride]) - bias) * scale));
    }
}

class FfmpegAudioReader : public juce::AudioFormatReader {
public:
    FfmpegAudioReader(std::filesystem::path file, Stream stream, const std::string& format_name)
        : juce::AudioFormatReader(nullptr, juce::String::fromUTF8(format_name.c_str())), file_(std::move(file)),
          stream_(std::move(stream)) {
        const AVStream& audio = *stream_.format->streams[stream_.index];
        sampleRate = audio.codecpar->sample_rate;
        numChannels = static_cast<unsigned int>(audio.codecpar->ch_layout.nb_channels);
        bitsPerSample = 32;
        usesFloatingPointData = true;
        lengthInSamples = declared_length();
        if (!stream_.declares_exact_length || lengthInSamples <= 0 ||
            stream_.format->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE) {
            lengthInSamples = counted_length().value_or(lengthInSamples);
        }
        pending_.resize(numChannels);
    }

    bool readSamples(int* const* destination, int destination_channels, int offset, juce::int64 start,
                     int count) override {
        if (start < pending_start_) {
            auto reopened = open_stream(file_, nullptr);
            if (!reopened) {
                return false;
            }
            stream_ = std::move(*reopened);
            drop_pending(pending_end() - pending_start_);
            pending_start_ = 0;
        }
        while (pending_end() < start + count && decode_frame()) {
            if (pending_end() <= start) {
                drop_pending(pending_end() - pending_start_);
            }
        }
        drop_pending(std::clamp<juce::int64>(start - pending_start_, 0, pending_end() - pending_start_));
        const auto available = static_cast<int>(std::clamp<juce::int64>(pending_end() - start, 0, count));
        for (int c = 0; c < destination_channels; ++c) {
            if (auto* out = reinterpret_cast<float*>(destination[c])) {
                const auto& channel = pending_[static_cast<std::size_t>(std::min<int>(c, static_cast<int>(numChannels) - 1))];
                std::copy(channel.begin(), channel.begin() + available, out + offset);
                std::fill(out + offset + available, out + offset + count, 0.0f);
            }
        }
        return available == count;
    }

private:
    // The length the container declares, 0 if none.
    juce::int64 declared_length() const {
        const AVStream& audio = *stream_.format->streams[stream_.index];
        const int rate = audio.codecpar->sample_rate;
        if (audio.duration != AV_NOPTS_VALUE) {
            return av_rescale_q(audio.duration, audio.time_base, AVRational{1, rate});
        }
        if (stream_.format->duration != AV_NOPTS_VALUE) {
            return av_rescale(stream_.format->duration, rate, AV_TIME_BASE);
        }
        return 0;
    }

    // The length of the stream's packets, counted on a second opening (demuxed, not decoded),
    // for a container whose declared length may fall short of its audio and so cut its end.
    std::optional<juce::int64> counted_length() const {
        const auto counting = open_stream(file_, nullptr);
        return counting ? counted_samples(*counting->format, counting->index) : std::nullopt;
    }

    juce::int64 pending_end() const { return pending_start_ + static_cast<juce::int64>(pending_[0].size()); }

    void drop_pending(juce::int64 samples) {
        for (auto& channel : pending_) {
            channel.erase(channel.begin(), channel.begin() + samples);
        }
        pending_start_ += samples;
    }

    // Decodes the next frame into pending_; false at the end of the stream.
    bool decode_frame() {
        for (;;) {
            const int received = avcodec_receive_frame(stream_.codec.get(), stream_.frame.get());
            if (received == 0) {
                append_frame(*stream_.frame);
                return true;
            }
            if (received != AVERROR(EAGAIN) || stream_.draining) {
                return false;
            }
            if (av_read_frame(stream_.format.get(), stream_.packet.get()) < 0) {
                stream_.draining = true;
                avcodec_send_packet(stream_.codec.get(), nullptr);
                continue;
            }
            if (stream_.packet->stream_index == stream_.index) {
                avcodec_send_packet(stream_.codec.get(), stream_.packet.get());
            }
            av_packet_unref(stream_.packet.get());
        }
    }

    void append_frame(const AVFrame& frame) {
        const auto format = static_cast<AVSampleFormat>(frame.format);
        const bool planar = av_sample_fmt_is_planar(format) != 0;
        const int channels = frame.ch_layout.nb_channels;
        for (int c = 0; c < static_cast<int>(numChannels); ++c) {
            const int from = std::min(c, channels - 1);
            auto& out = pending_[static_cast<std::size_t>(c)];
            switch (av_get_packed_sample_fmt(format)) {
            case AV_SAMPLE_FMT_FLT: append_channel<float>(frame, from, channels, planar, 1.0, 0.0, out); break;
            case AV_SAMPLE_FMT_DBL: append_channel<double>(frame, from, channels, planar, 1.0, 0.0, out); break;
            case AV_SAMPLE_FMT_S16: append_channel<std::int16_t>(frame, from, channels, planar, 0x1p-15, 0.0, out); break;
            case AV_SAMPLE_FMT_S32: append_channel<std::int32_t>(frame, from, channels, planar, 0x1p-31, 0.0, out); break;
            case AV_SAMPLE_FMT_U8: append_channel<std::uint8_t>(frame, from, channels, planar, 0x1p-7, 128.0, out); break;
            default:
                throw DecodeError(std::string("unsupported sample format ") + av_get_sample_fmt_name(format) +
                                  " from the " + stream_.codec->codec->name + " decoder");
            }
        }
    }

    std::filesystem::path file_;
    Stream stream_;
    std::vector<std::vector<float>> pending_;  // decoded from the last read's start on; one vector per channel
    juce::int64 pending_start_ = 0;            // the sample index of pending_[c][0]
};

}  // namespace

std::unique_ptr<juce::AudioFormatReader> open_ffmpeg_audio(const std::filesystem::path& file) {
    std::string format_name;
    auto stream = open_stream(file, &format_name);
    if (!stream) {
        return nullptr;
    }
    const auto& parameters = *stream->format->streams[stream->index]->codecpar;
    if (parameters.sample_rate <= 0 || parameters.ch_layout.nb_channels <= 0) {
        return nullptr;
    }
    return std::make_unique<FfmpegAudioReader>(file, std::move(*stream), format_name);
}

}  // namespace timbre::host
