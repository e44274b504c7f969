// SPDX-License-Identifier: GPL-3.0-or-later
// Short-time power spectrum on FFTW, the front end shared by every spectral extractor so
// that they all frame audio the same way (centred frames, periodic Hann window) and none
// writes its own FFT. Owned by one plugin instance; compute() may run on that instance's
// worker thread while other instances compute on theirs.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

#include "timbre/values.hpp"

namespace timbre::dsp {

class PowerSpectrogram {
public:
    // frame_size and hop_size in samples; frame_size >= 2 and even.
    PowerSpectrogram(std::size_t frame_size, std::size_t hop_size);
    ~PowerSpectrogram();
    PowerSpectrogram(const PowerSpectrogram&) = delete;
    PowerSpectrogram& operator=(const PowerSpectrogram&) = delete;

    // |X(k)|^2 for k = 0 .. frame_size/2 of each Hann-windowed frame. Frame i is centred on
    // sample i * hop_size (the signal is zero-padded by frame_size/2 at both ends), so there
    // are 1 + samples/hop_size frames and hop_seconds = hop_size / sample rate.
    Frames compute(const Audio& audio) const;

    // The same frames one at a time, for consumers that reduce each frame at once (a
    // filterbank, per-frame statistics): no frames x bins matrix is held. `power` points to
    // bin_count() values and is valid only during the call.
    using FrameVisitor = std::function<void(std::size_t frame, const float* power)>;
    void for_each_frame(const Audio& audio, const FrameVisitor& visit) const;

    // Frames for `samples` samples: 1 + samples / hop_size.
    std::size_t frame_count(std::size_t samples) const { return 1 + samples / hop_size_; }

    std::size_t frame_size() const { return frame_size_; }
    std::size_t hop_size() const { return hop_size_; }
    std::size_t bin_count() const { return frame_size_ / 2 + 1; }

private:
    struct Plan;
    std::size_t frame_size_;
    std::size_t hop_size_;
    std::unique_ptr<Plan> plan_;
};

}  // namespace timbre::dsp
