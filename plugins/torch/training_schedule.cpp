// SPDX-License-Identifier: GPL-3.0-or-later
// Cosine decay per epoch, seeding and the model file rule, for every libtorch model's training.
#include "training_schedule.hpp"

#include <cmath>
#include <filesystem>
#include <numbers>

namespace timbre::plugins {

void follow_cosine_schedule(torch::optim::AdamW& optimiser, double peak_rate, std::int64_t epoch, std::int64_t epochs) {
    const double rate =
        0.5 * peak_rate * (1.0 + std::cos(std::numbers::pi * static_cast<double>(epoch) / static_cast<double>(epochs)));
    for (auto& group : optimiser.param_groups()) {
        static_cast<torch::optim::AdamWOptions&>(group.options()).lr(rate);
    }
}

std::mt19937 seeded_randomness(const Params& params) {
    const auto seed = static_cast<std::uint64_t>(params.integer("seed"));
    torch::manual_seed(seed);
    return std::mt19937(static_cast<std::mt19937::result_type>(seed));
}

std::string model_file_to_load(const Params& params) {
    const std::string& file = params.string("model");
    if (!file.empty() && !std::filesystem::exists(file)) {
        throw ParameterError("model", "file not found: " + file + " (train it with `timbre train`)");
    }
    return file;
}

}  // namespace timbre::plugins
