// SPDX-License-Identifier: GPL-3.0-or-later
// Patches are copies (torch::stack of slices), so a batch does not keep whole tracks alive.
#include "mel_patches.hpp"

#include <algorithm>

namespace timbre::plugins {

namespace {
torch::Tensor as_tensor(const Frames& mel) {
    return torch::from_blob(const_cast<float*>(mel.data().data()),
                            {static_cast<std::int64_t>(mel.frame_count()), static_cast<std::int64_t>(mel.bin_count())},
                            torch::kFloat32)
        .clone();
}

// The track padded with zeros (band means) at the end to at least `length` frames.
torch::Tensor at_least(const torch::Tensor& track, std::int64_t length) {
    const std::int64_t frames = track.size(0);
    if (frames >= length) {
        return track;
    }
    return torch::cat({track, torch::zeros({length - frames, track.size(1)})});
}

// [patches, frames, bands] -> [patches, 1, bands, frames]
torch::Tensor as_images(const std::vector<torch::Tensor>& slices) {
    return torch::stack(slices).transpose(1, 2).unsqueeze(1).contiguous();
}
}  // namespace

BandScaling BandScaling::fit(const std::vector<const Frames*>& spectrograms) {
    std::vector<torch::Tensor> all;
    for (const Frames* mel : spectrograms) {
        all.push_back(as_tensor(*mel));
    }
    const torch::Tensor frames = torch::cat(all).to(torch::kFloat64);
    const torch::Tensor scale = frames.std(0).clamp_min(1e-3);
    return {frames.mean(0).to(torch::kFloat32), scale.to(torch::kFloat32)};
}

torch::Tensor standardised(const Frames& mel, const BandScaling& scaling) {
    return (as_tensor(mel) - scaling.mean) / scaling.scale;
}

torch::Tensor patches_every(const torch::Tensor& track, std::int64_t length, std::int64_t hop) {
    const torch::Tensor padded = at_least(track, length);
    const std::int64_t frames = padded.size(0);
    std::vector<torch::Tensor> slices;
    for (std::int64_t start = 0; start + length <= frames; start += hop) {
        slices.push_back(padded.slice(0, start, start + length));
    }
    if ((frames - length) % hop != 0) {
        slices.push_back(padded.slice(0, frames - length, frames));
    }
    return as_images(slices);
}

torch::Tensor random_patches(const torch::Tensor& track, std::int64_t length, std::int64_t count, std::mt19937& random_engine) {
    const torch::Tensor padded = at_least(track, length);
    std::uniform_int_distribution<std::int64_t> start(0, padded.size(0) - length);
    std::vector<torch::Tensor> slices;
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t first = start(random_engine);
        slices.push_back(padded.slice(0, first, first + length));
    }
    return as_images(slices);
}

}  // namespace timbre::plugins
