// What the libtorch models share about training: AdamW whose learning rate follows a cosine
// from its peak to zero over the epochs (large steps early, fine ones at the end, no
// schedule to tune), and the rule for the model file a configured plugin loads.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

// Sets the optimiser's learning rate for `epoch` (0-based) of `epochs`.
void follow_cosine_schedule(torch::optim::AdamW& optimiser, double peak_rate, std::int64_t epoch, std::int64_t epochs);

// The 'model' parameter's file if one is set ("" if not, for a plugin about to be trained);
// a ParameterError if it names a file that does not exist.
std::string model_file_to_load(const Params& params);

}  // namespace timbre::plugins
