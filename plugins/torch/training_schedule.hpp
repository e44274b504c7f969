// SPDX-License-Identifier: GPL-3.0-or-later
// What the libtorch models share about training: AdamW whose learning rate follows a cosine
// from its peak to zero over the epochs (large steps early, fine ones at the end, no
// schedule to tune), seeding from the 'seed' parameter, and the rule for the model file a
// configured plugin loads.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <string>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

// Sets the optimiser's learning rate for `epoch` (0-based) of `epochs`.
void follow_cosine_schedule(torch::optim::AdamW& optimiser, double peak_rate, std::int64_t epoch, std::int64_t epochs);

// Seeds libtorch (initial weights, noise) with the 'seed' parameter and returns a random
// engine seeded alike (batches, patches): the same seed repeats a training run.
std::mt19937 seeded_randomness(const Params& params);

// The 'model' parameter's file if one is set ("" if not, for a plugin about to be trained);
// a ParameterError if it names a file that does not exist.
std::string model_file_to_load(const Params& params);

}  // namespace timbre::plugins
