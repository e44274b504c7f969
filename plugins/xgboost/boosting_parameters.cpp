// SPDX-License-Identifier: GPL-3.0-or-later
// Defaults are the ones the shipped descriptor and audio models were tuned from.
#include "boosting_parameters.hpp"

#include "timbre/number_text.hpp"

namespace timbre::plugins {

std::vector<ParamSpec> dense_booster_params(const std::string& linear_meaning) {
    return {
        {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train` (JSON)"},
        {"booster", ParamType::string, std::string("gbtree"), {}, {}, {"gbtree", "gblinear"}, "",
         "gbtree: boosted trees; gblinear: " + linear_meaning},
        {"rounds", ParamType::integer, std::int64_t{300}, 1, 5000, {}, "", "boosting rounds"},
        {"max_depth", ParamType::integer, std::int64_t{6}, 1, 20, {}, "", "tree depth (gbtree)"},
        {"learning_rate", ParamType::real, 0.05, 0.001, 1.0, {}, "", "shrinkage per round"},
        {"subsample", ParamType::real, 0.8, 0.1, 1.0, {}, "", "share of rows per tree"},
        {"colsample", ParamType::real, 0.8, 0.1, 1.0, {}, "", "share of features per tree"},
        {"min_child_weight", ParamType::real, 1.0, 0.0, 1000.0, {}, "", "minimum hessian per leaf"},
        {"l2", ParamType::real, 1.0, 0.0, 1000.0, {}, "", "L2 regularisation of leaf weights / coefficients"},
        {"seed", ParamType::integer, std::int64_t{0}, 0, 1000000, {}, "", "random seed for subsampling"},
        {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "",
         "gbtree's training threads, 0 = all cores (gblinear trains on one, deterministically)"},
    };
}

void add_tree_parameters(const Params& params, std::map<std::string, std::string>& parameters) {
    parameters["seed"] = std::to_string(params.integer("seed"));
    if (params.string("booster") == "gblinear") {
        return;
    }
    parameters["max_depth"] = std::to_string(params.integer("max_depth"));
    parameters["subsample"] = number_text(params.real("subsample"));
    parameters["colsample_bytree"] = number_text(params.real("colsample"));
    parameters["min_child_weight"] = number_text(params.real("min_child_weight"));
    parameters["tree_method"] = "hist";
}

}  // namespace timbre::plugins
