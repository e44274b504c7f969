// SPDX-License-Identifier: GPL-3.0-or-later
// A track's log-mel spectrogram as the fixed-size patches the CNN sees: `frames` mel frames
// by all bands, each band standardised with the training set's mean and deviation (stored
// in the model so inference standardises exactly as training did).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::plugins {

struct BandScaling {
    torch::Tensor mean;   // [bands]
    torch::Tensor scale;  // [bands], > 0

    // Mean and deviation of each band over every frame of every spectrogram.
    static BandScaling fit(const std::vector<const Frames*>& spectrograms);
};

// [frames, bands] standardised spectrogram of one track.
torch::Tensor standardised(const Frames& mel, const BandScaling& scaling);

// Patches of `length` frames starting every `hop` frames, as [count, 1, bands, length]; a
// track shorter than one patch is padded with the band means (zeros once standardised), and
// the last patch is aligned to the end so no frame is left out.
torch::Tensor patches_every(const torch::Tensor& track, std::int64_t length, std::int64_t hop);

// `count` patches of `length` frames at random start frames, as [count, 1, bands, length].
torch::Tensor random_patches(const torch::Tensor& track, std::int64_t length, std::int64_t count, std::mt19937& random_engine);

}  // namespace timbre::plugins
