// SPDX-License-Identifier: GPL-3.0-or-later
// Embeddings start small (normal, deviation 0.1) so early training is near the class
// base rates rather than dominated by a few random long vectors.
#include "term_bag_network.hpp"

namespace timbre::plugins {

namespace nn = torch::nn;

TermBagNetworkImpl::TermBagNetworkImpl(std::int64_t terms, std::int64_t dimensions, std::int64_t classes,
                                       double dropout)
    : embeddings_(nn::EmbeddingBagOptions(terms, dimensions).mode(torch::kMean)),
      dropout_(nn::DropoutOptions(dropout)),
      head_(dimensions, classes) {
    torch::NoGradGuard no_gradients;
    embeddings_->weight.normal_(0.0, 0.1);
    register_module("embeddings", embeddings_);
    register_module("dropout", dropout_);
    register_module("head", head_);
}

torch::Tensor TermBagNetworkImpl::forward(const torch::Tensor& terms, const torch::Tensor& offsets) {
    return head_->forward(dropout_->forward(embeddings_->forward(terms, offsets)));
}

}  // namespace timbre::plugins
