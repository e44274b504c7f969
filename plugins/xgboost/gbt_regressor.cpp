// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.gbt_regressor: gradient-boosted trees (or, with booster gblinear, linear least
// squares) predicting one number from a named feature vector, through XGBoost: valence or
// arousal from descriptors, say. Trainable (TrainableRegressor); inference reads the model
// named by its `model` parameter; features are matched by name and standardised
// (feature_scaling.hpp).
#include <optional>

#include "boosting_parameters.hpp"
#include "booster.hpp"
#include "booster_model_terms.hpp"
#include "class_encoding.hpp"
#include "scaled_model.hpp"
#include "xgboost_classifiers.hpp"

namespace timbre::plugins {

Descriptor gbt_regressor_descriptor() {
    return Descriptor{
        "timbre.gbt_regressor",
        "1.0.0",
        Kind::regressor,
        "Gradient-boosted trees or linear least squares (XGBoost) predicting a number from a named feature vector",
        {{"features", PortType::vector, "the numbers to predict from, matched by name to the model's features"}},
        {{"value", PortType::scalar, "the predicted number, on the scale of the training target"}},
        dense_booster_params("linear least squares")};
}

namespace {

class GbtRegressor : public Plugin, public TrainableRegressor, public BoosterModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_ = ScaledModel::open(params);
    }

    Outputs process(const Inputs& inputs) override {
        Outputs outputs;
        outputs.put("value", Scalar{predict_features(model_, inputs).at(0), ""});
        return outputs;
    }

    void train(const std::vector<TargetExample>& examples, const std::filesystem::path& model_file) override {
        std::vector<float> targets;
        for (const auto& example : examples) {
            targets.push_back(static_cast<float>(example.target));
        }
        auto parameters = common_parameters(params_);
        parameters["objective"] = "reg:squarederror";
        add_tree_parameters(params_, parameters);
        ScaledModel::fit(feature_vectors(examples), targets, parameters, params_).booster.save(model_file);
    }

private:
    Params params_;
    std::optional<ScaledModel> model_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_regressor() { return std::make_unique<GbtRegressor>(); }

}  // namespace timbre::plugins
