// How the libtorch models hand a learned embedding to the graph: one unit-length vector whose
// values are named e000, e001, ... so a cosine similarity metric (timbre.vector_similarity)
// reads it like any other vector, and two models' embeddings never mix names by accident
// of order.
#pragma once

#include <torch/torch.h>

#include "timbre/values.hpp"

namespace timbre::plugins {

// `embedding` (one dimension) scaled to unit length, as a named Vector.
Vector unit_embedding(const torch::Tensor& embedding);

}  // namespace timbre::plugins
