// SPDX-License-Identifier: GPL-3.0-or-later
// One mpg123 handle per reader, float output, seeking by sample. Reads are sequential in
// practice (the decoder reads a track front to back), so seeks happen only at the start.
#include "decode/mpeg_audio_reader.hpp"

#include <juce_audio_formats/juce_audio_formats.h>
#include <mpg123.h>

#include <mutex>
#include <vector>

namespace timbre::host {

namespace {

struct HandleDeleter {
    void operator()(mpg123_handle* handle) const {
        mpg123_close(handle);
        mpg123_delete(handle);
    }
};
using Handle = std::unique_ptr<mpg123_handle, HandleDeleter>;

class MpegAudioReader : public juce::AudioFormatReader {
public:
    MpegAudioReader(Handle handle, long rate, int channels, off_t declared_length)
        : juce::AudioFormatReader(nullptr, "MP3 file"), handle_(std::move(handle)) {
        sampleRate = static_cast<double>(rate);
        numChannels = static_cast<unsigned int>(channels);
        bitsPerSample = 32;
        usesFloatingPointData = true;
        lengthInSamples = declared_length;
    }

    bool readSamples(int* const* destination, int destination_channels, int offset, juce::int64 start,
                     int count) override {
        if (start != position_) {
            if (mpg123_seek(handle_.get(), static_cast<off_t>(start), SEEK_SET) < 0) {
                clear(destination, destination_channels, offset, count);
                return false;
            }
            position_ = start;
        }
        const auto channels = static_cast<int>(numChannels);
        int done = 0;
        while (done < count) {
            buffer_.resize(static_cast<std::size_t>(count - done) * channels);
            std::size_t bytes = 0;
            const int status = mpg123_read(handle_.get(), reinterpret_cast<unsigned char*>(buffer_.data()),
                                           buffer_.size() * sizeof(float), &bytes);
            const int frames = static_cast<int>(bytes / (sizeof(float) * channels));
            for (int c = 0; c < destination_channels; ++c) {
                if (auto* out = reinterpret_cast<float*>(destination[c])) {
                    const int source_channel = std::min(c, channels - 1);
                    for (int n = 0; n < frames; ++n) {
                        out[offset + done + n] = buffer_[static_cast<std::size_t>(n * channels + source_channel)];
                    }
                }
            }
            done += frames;
            position_ += frames;
            if (frames == 0 && status != MPG123_OK && status != MPG123_NEW_FORMAT) {
                clear(destination, destination_channels, offset + done, count - done);
                return false;
            }
        }
        return true;
    }

private:
    static void clear(int* const* destination, int channels, int offset, int count) {
        for (int c = 0; c < channels; ++c) {
            if (destination[c]) {
                std::fill(reinterpret_cast<float*>(destination[c]) + offset,
                          reinterpret_cast<float*>(destination[c]) + offset + count, 0.0f);
            }
        }
    }

    Handle handle_;
    juce::int64 position_ = 0;
    std::vector<float> buffer_;
};

}  // namespace

std::unique_ptr<juce::AudioFormatReader> open_mpeg_audio(const std::filesystem::path& file) {
    static std::once_flag initialised;
    std::call_once(initialised, [] { mpg123_init(); });
    int error = MPG123_OK;
    Handle handle(mpg123_new(nullptr, &error));
    if (!handle) {
        return nullptr;
    }
    mpg123_param(handle.get(), MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_GAPLESS | MPG123_FORCE_FLOAT, 0.0);
    if (mpg123_open(handle.get(), file.c_str()) != MPG123_OK) {
        return nullptr;
    }
    long rate = 0;
    int channels = 0, encoding = 0;
    if (mpg123_getformat(handle.get(), &rate, &channels, &encoding) != MPG123_OK || rate <= 0 || channels <= 0) {
        return nullptr;
    }
    mpg123_format_none(handle.get());
    mpg123_format(handle.get(), rate, channels, MPG123_ENC_FLOAT_32);
    const off_t length = mpg123_length(handle.get());
    return std::make_unique<MpegAudioReader>(std::move(handle), rate, channels, length > 0 ? length : 0);
}

}  // namespace timbre::host
