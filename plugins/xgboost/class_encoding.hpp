// SPDX-License-Identifier: GPL-3.0-or-later
// What both XGBoost classifiers do around the booster itself: set the parameters they
// share, open the model file their `model` parameter names, and give XGBoost the class
// indices as the floats it takes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "booster.hpp"
#include "timbre/class_encoding.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

// XGBoost's label vector: each example's class index as a float.
std::vector<float> booster_labels(const ClassEncoding& encoding);

// booster, objective multi:softprob, num_class, eta (learning_rate), lambda (l2), nthread
// (threads, 0 = XGBoost's default of all cores; always 1 for gblinear, so that its training
// is deterministic), quiet.
std::map<std::string, std::string> shared_parameters(const Params& params, std::size_t class_count);

// The same without the objective: booster, eta, lambda, nthread, quiet (regression uses it).
std::map<std::string, std::string> common_parameters(const Params& params);

// The model named by the `model` parameter, set to predict on one thread (the host runs one
// instance per worker); nullopt when the parameter is empty (not trained yet). Throws
// ParameterError when it names a missing file.
std::optional<Booster> open_model(const Params& params);

}  // namespace timbre::plugins
