// SPDX-License-Identifier: GPL-3.0-or-later
// The network behind timbre.triplet_embedding: a track's standardised summary vector through
// one hidden layer (linear, batch norm, ReLU, dropout) to a `dimensions`-number embedding of
// unit length. Small on purpose: a few hundred labelled tracks train it in seconds on a CPU.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace timbre::plugins {

class SummaryNetworkImpl : public torch::nn::Module {
public:
    SummaryNetworkImpl(std::int64_t inputs, std::int64_t hidden, std::int64_t dimensions, double dropout);
    // [batch, inputs] -> [batch, dimensions], each row of unit length.
    torch::Tensor forward(const torch::Tensor& features);

private:
    torch::nn::Sequential layers_;
};
TORCH_MODULE(SummaryNetwork);

}  // namespace timbre::plugins
