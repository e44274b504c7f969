// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a dense model reads its scaling back from the booster's attributes.
#include "scaled_model.hpp"

#include "class_encoding.hpp"

namespace timbre::plugins {

std::optional<ScaledModel> ScaledModel::open(const Params& params) {
    std::optional<Booster> booster = open_model(params);
    if (!booster) {
        return std::nullopt;
    }
    FeatureScaling scaling = FeatureScaling::from(*booster, params.string("model"));
    return ScaledModel{std::move(*booster), std::move(scaling)};
}

std::vector<float> predict_features(const std::optional<ScaledModel>& model, const Inputs& inputs) {
    if (!model) {
        throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
    }
    return model->booster.predict(model->scaling.rows({&inputs.get<Vector>("features")}));
}

}  // namespace timbre::plugins
