// SPDX-License-Identifier: GPL-3.0-or-later
// Batch norm after the hidden layer keeps training stable over features of very different
// spread even after standardisation (percentiles, deltas, tempo).
#include "summary_network.hpp"

namespace timbre::plugins {

SummaryNetworkImpl::SummaryNetworkImpl(std::int64_t inputs, std::int64_t hidden, std::int64_t dimensions, double dropout)
    : layers_(register_module("layers", torch::nn::Sequential(torch::nn::Linear(inputs, hidden),
                                                               torch::nn::BatchNorm1d(hidden), torch::nn::ReLU(),
                                                               torch::nn::Dropout(dropout),
                                                               torch::nn::Linear(hidden, dimensions)))) {}

torch::Tensor SummaryNetworkImpl::forward(const torch::Tensor& features) {
    return torch::nn::functional::normalize(layers_->forward(features),
                                            torch::nn::functional::NormalizeFuncOptions().dim(1));
}

}  // namespace timbre::plugins
