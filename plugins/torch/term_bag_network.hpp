// SPDX-License-Identifier: GPL-3.0-or-later
// The neural text model's network, after fastText: each vocabulary term (word or word pair)
// has a learned embedding; a text is the mean of its terms' embeddings, and one linear layer
// turns that into class scores. Word order beyond pairs is ignored, which is what a few
// thousand lyrics can support.
#pragma once

#include <torch/torch.h>

#include <cstdint>

namespace timbre::plugins {

class TermBagNetworkImpl : public torch::nn::Module {
public:
    TermBagNetworkImpl(std::int64_t terms, std::int64_t dimensions, std::int64_t classes, double dropout);
    // terms: the term indices of every text in the batch, one after another; offsets: where
    // each text starts in `terms`. A text with no known term is the zero vector.
    // Returns [texts, classes] scores (logits).
    torch::Tensor forward(const torch::Tensor& terms, const torch::Tensor& offsets);

private:
    torch::nn::EmbeddingBag embeddings_{nullptr};
    torch::nn::Dropout dropout_;
    torch::nn::Linear head_{nullptr};
};
TORCH_MODULE(TermBagNetwork);

}  // namespace timbre::plugins
