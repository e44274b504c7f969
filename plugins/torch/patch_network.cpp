// SPDX-License-Identifier: GPL-3.0-or-later
// Pooling by mean and max together keeps both "how much of the clip sounds like this" and
// "does it happen at all", which a single global average loses.
#include "patch_network.hpp"

namespace timbre::plugins {

namespace nn = torch::nn;

PatchNetworkImpl::PatchNetworkImpl(std::int64_t classes, std::int64_t width, double dropout)
    : dropout_(nn::DropoutOptions(dropout)) {
    std::int64_t channels = 1;
    for (int block = 0; block < 4; ++block) {
        const std::int64_t out = width << block;
        blocks_->push_back(nn::Conv2d(nn::Conv2dOptions(channels, out, 3).padding(1).bias(false)));
        blocks_->push_back(nn::BatchNorm2d(out));
        blocks_->push_back(nn::ReLU());
        blocks_->push_back(nn::MaxPool2d(nn::MaxPool2dOptions(2)));
        channels = out;
    }
    head_ = nn::Linear(2 * channels, classes);
    register_module("blocks", blocks_);
    register_module("dropout", dropout_);
    register_module("head", head_);
}

torch::Tensor PatchNetworkImpl::pooled(const torch::Tensor& patches) {
    const torch::Tensor maps = blocks_->forward(patches);
    return torch::cat({maps.mean({2, 3}), maps.amax({2, 3})}, 1);
}

torch::Tensor PatchNetworkImpl::scores(const torch::Tensor& pooled) { return head_->forward(dropout_->forward(pooled)); }

torch::Tensor PatchNetworkImpl::forward(const torch::Tensor& patches) { return scores(pooled(patches)); }

}  // namespace timbre::plugins
