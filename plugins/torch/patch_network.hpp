// SPDX-License-Identifier: GPL-3.0-or-later
// The CNN itself: four blocks of 3x3 convolution, batch norm, ReLU and 2x2 max pooling
// (channels width, 2 width, 4 width, 8 width), then mean and max over what is left of time
// and frequency, dropout and one linear layer to class scores. Small enough to train on a
// CPU in minutes on a few hundred 30-second clips.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace timbre::plugins {

class PatchNetworkImpl : public torch::nn::Module {
public:
    PatchNetworkImpl(std::int64_t classes, std::int64_t width, double dropout);
    // [batch, 1, bands, frames] -> [batch, classes] scores (logits).
    torch::Tensor forward(const torch::Tensor& patches);
    // [batch, 1, bands, frames] -> [batch, 16 width] pooled features: what the output layer
    // reads, and what the classifier offers as its learned embedding.
    torch::Tensor pooled(const torch::Tensor& patches);
    // pooled features -> class scores: forward(x) is scores(pooled(x)).
    torch::Tensor scores(const torch::Tensor& pooled);

private:
    torch::nn::Sequential blocks_;
    torch::nn::Dropout dropout_;
    torch::nn::Linear head_{nullptr};
};
TORCH_MODULE(PatchNetwork);

}  // namespace timbre::plugins
