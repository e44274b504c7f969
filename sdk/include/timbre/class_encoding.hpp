// SPDX-License-Identifier: GPL-3.0-or-later
// What every trainable classifier does around its learner: turn labelled examples into class
// indices, and turn the learner's per-class scores back into Labels. Part of the SDK so that a
// third-party model plugin orders and names its classes exactly as the built-in ones do.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "timbre/trainable.hpp"
#include "timbre/values.hpp"

namespace timbre {

// Sorted class names (so a model's class order does not depend on example order) and each
// example's index into them.
struct ClassEncoding {
    std::vector<std::string> classes;
    std::vector<std::size_t> indices;
};

// Throws timbre::Error for fewer than two classes.
ClassEncoding encode_classes(const std::vector<LabelledExample>& examples);

// Non-negative per-class scores (probabilities, possibly unnormalised) as Labels summing to 1.
Labels labels_from(const std::vector<std::string>& classes, const std::vector<float>& scores);

}  // namespace timbre
