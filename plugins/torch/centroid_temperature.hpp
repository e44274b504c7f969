// SPDX-License-Identifier: GPL-3.0-or-later
// The softmax temperature that turns a track's cosines to the class centroids into class
// probabilities. A triplet embedding keeps its classes apart by small angles around a shared
// direction, so a fixed temperature gave every class about the same probability whatever the
// answer; fitted on the training tracks, the probabilities say how sure the answer is.
#pragma once

#include <torch/torch.h>

namespace timbre::plugins {

// The temperature T on a logarithmic grid from 1e-8 to 1 that minimises the mean cross-entropy
// of softmax(cosines / T) against `classes` (an embedding that bunches its tracks in a small
// cap of the sphere needs a very low one). cosines: [tracks, classes]; classes: [tracks], int64.
double fitted_temperature(const torch::Tensor& cosines, const torch::Tensor& classes);

}  // namespace timbre::plugins
