// SPDX-License-Identifier: GPL-3.0-or-later
// The dense XGBoost models (gbt_classifier, gbt_regressor, gbt_tagger) as their plugins hold
// them: a booster with the feature scaling stored inside it, opened from the file their
// `model` parameter names, predicting from their `features` input, and fitted from the
// training examples' feature vectors. What each plugin adds is only its own output.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "booster.hpp"
#include "feature_scaling.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

struct ScaledModel {
    Booster booster;
    FeatureScaling scaling;

    // The model `params`' `model` names, set to predict on one thread; nullopt when the
    // parameter is empty (not trained yet). Throws ParameterError for a missing file.
    static std::optional<ScaledModel> open(const Params& params);

    // A booster trained on `vectors`, standardised by a scaling fitted on them, with
    // `labels` (class indices, targets, or a matrix of tags) and `params`' rounds; the
    // scaling is kept inside it, so saving the booster saves the whole model.
    template <typename Labels>
    static ScaledModel fit(const std::vector<const Vector*>& vectors, const Labels& labels,
                           const std::map<std::string, std::string>& parameters, const Params& params) {
        FeatureScaling scaling = FeatureScaling::fit(vectors);
        Booster booster = Booster::train(scaling.rows(vectors), labels, parameters,
                                         static_cast<int>(params.integer("rounds")));
        scaling.store(booster);
        return {std::move(booster), std::move(scaling)};
    }
};

// The `features` input of each example.
template <typename Example> std::vector<const Vector*> feature_vectors(const std::vector<Example>& examples) {
    std::vector<const Vector*> vectors;
    for (const auto& example : examples) {
        vectors.push_back(&example.inputs.template get<Vector>("features"));
    }
    return vectors;
}

// The booster's outputs for the `features` input; throws InputError when there is no model.
std::vector<float> predict_features(const std::optional<ScaledModel>& model, const Inputs& inputs);

}  // namespace timbre::plugins
