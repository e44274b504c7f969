// SPDX-License-Identifier: GPL-3.0-or-later
// The parameters the two dense XGBoost models (gbt_classifier, gbt_regressor) declare and
// pass to XGBoost in the same way: boosting rounds, tree shape, sampling, regularisation.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

// model, booster, rounds, max_depth, learning_rate, subsample, colsample, min_child_weight,
// l2, seed, threads; `linear_meaning` says what gblinear fits for this model.
std::vector<ParamSpec> dense_booster_params(const std::string& linear_meaning);

// seed, and for gbtree the tree shape and sampling (histogram method), added to `parameters`.
void add_tree_parameters(const Params& params, std::map<std::string, std::string>& parameters);

}  // namespace timbre::plugins
