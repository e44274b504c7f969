// SPDX-License-Identifier: GPL-3.0-or-later
// One demuxer and one decoder per reader, converting each decoded frame to float per
// channel. Reads are sequential in practice (the decoder reads a track front to back from
// its window's start), so the reader keeps only what was decoded and not yet read; a read
// that goes backwards reopens the file. Packets FFmpeg rejects as invalid are skipped, as
// the ffmpeg tool does; a stream that yields no audio at all ends the read.
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
};

// Only the containers JUCE cannot read, or reads slowly: FFmpeg would also accept many
// non-audio files (text, images) that must stay "not an audio file".
std::optional<std::string> container_name(const AVInputFormat& format) {
    const std::string name = format.name;
    if (name == "ogg") {
        return "Ogg";
    }
    if (name.find("mp4") != std::string::npos) {
        return "MP4";
    }
    return std::nullopt;
}

std::optional<Stream> open_stream(const std::filesystem::path& file, std::string* format_name) {
    Stream stream;
    stream.format = open_ffmpeg_container(file);
    if (!stream.format) {
        return std::nullopt;
    }
    AVFormatContext* format = stream.format.get();
    const auto container = container_name(*format->iformat);
    if (!container || avformat_find_stream_info(format, nullptr) < 0) {
        return std::nullopt;
    }
    const AVCodec* decoder = nullptr;
    stream.index = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
    if (stream.index < 0 || !decoder) {
        return std::nullopt;
    }
    stream.codec.reset(avcodec_alloc_context3(decoder));
    if (!stream.codec || avcodec_parameters_to_context(stream.codec.get(), format->streams[stream.index]->codecpar) < 0) {
        return std::nullopt;
    }
    stream.codec->thread_count = 1;
    if (avcodec_open2(stream.codec.get(), decoder, nullptr) < 0 || !stream.packet || !stream.frame) {
        return std::nullopt;
    }
    if (format_name) {
        *format_name = *container + " " + decoder->name;
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
        const AVRational per_sample{1, audio.codecpar->sample_rate};
        if (audio.duration != AV_NOPTS_VALUE) {
            lengthInSamples = av_rescale_q(audio.duration, audio.time_base, per_sample);
        } else if (stream_.format->duration != AV_NOPTS_VALUE) {
            lengthInSamples = av_rescale(stream_.format->duration, audio.codecpar->sample_rate, AV_TIME_BASE);
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
        drop_pending(available);
        return available == count;
    }

private:
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
    std::vector<std::vector<float>> pending_;  // decoded, not yet read; one vector per channel
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
