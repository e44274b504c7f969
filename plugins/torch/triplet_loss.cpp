// SPDX-License-Identifier: GPL-3.0-or-later
// The distance is computed from the dot product (unit rows: |a - b|² = 2 - 2 a·b) and
// clamped above zero, so a track's zero distance to itself has a finite gradient.
#include "triplet_loss.hpp"

#include <limits>

namespace timbre::plugins {

torch::Tensor batch_hard_triplet_loss(const torch::Tensor& embeddings, const torch::Tensor& classes, double margin) {
    const auto n = embeddings.size(0);
    const torch::Tensor distance = (2.0 - 2.0 * embeddings.matmul(embeddings.t())).clamp_min(1e-9).sqrt();
    const torch::Tensor same = classes.unsqueeze(0) == classes.unsqueeze(1);
    const torch::Tensor positive = same & ~torch::eye(n, torch::TensorOptions().dtype(torch::kBool));
    const torch::Tensor hardest_positive = std::get<0>(distance.masked_fill(~positive, 0.0).max(1));
    const torch::Tensor hardest_negative =
        std::get<0>(distance.masked_fill(same, std::numeric_limits<float>::infinity()).min(1));
    const torch::Tensor counts = positive.any(1) & (~same).any(1);
    if (!counts.any().item<bool>()) {
        return torch::zeros({}, embeddings.options());
    }
    return torch::relu(hardest_positive - hardest_negative + margin).masked_select(counts).mean();
}

}  // namespace timbre::plugins
