// SPDX-License-Identifier: GPL-3.0-or-later
// The loss that makes an embedding a similarity metric: for every track of a batch, its
// farthest track of the same class must be nearer than its nearest track of another class,
// by a margin ("batch-hard" triplet loss: Hermans, Beyer and Leibe, "In defense of the
// triplet loss for person re-identification", 2017). Distances are Euclidean between unit
// vectors, so the margin is in the same units as the cosine metric that later reads them.
#pragma once

#include <torch/torch.h>

namespace timbre::plugins {

// `embeddings` [n, d] unit rows, `classes` [n] int64. Anchors without a positive or a
// negative in the batch do not count; a batch with none that count gives 0.
torch::Tensor batch_hard_triplet_loss(const torch::Tensor& embeddings, const torch::Tensor& classes, double margin);

}  // namespace timbre::plugins
