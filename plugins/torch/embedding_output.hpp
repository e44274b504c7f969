// SPDX-License-Identifier: GPL-3.0-or-later
// How the libtorch models hand a learned embedding to the graph: one unit-length vector whose
// values are named e000, e001, ... so a cosine similarity metric (timbre.vector_similarity)
// reads it like any other vector, next to the class probabilities of the same model.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

// `embedding` (one dimension) scaled to unit length, as a named Vector.
Vector unit_embedding(const torch::Tensor& embedding);

// What a classifier with an embedding outputs: "labels" from one probability per class (in
// `classes` order) and "embedding" as unit_embedding.
Outputs labels_and_embedding(const std::vector<std::string>& classes, const torch::Tensor& probabilities,
                             const torch::Tensor& embedding);

}  // namespace timbre::plugins
