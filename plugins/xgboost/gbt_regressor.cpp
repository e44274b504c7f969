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
#include "feature_scaling.hpp"
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
        model_ = open_model(params);
        if (model_) {
            scaling_ = FeatureScaling::from(*model_, params.string("model"));
        }
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const std::vector<float> prediction = model_->predict(scaling_->rows({&inputs.get<Vector>("features")}));
        Outputs outputs;
        outputs.put("value", Scalar{prediction.at(0), ""});
        return outputs;
    }

    void train(const std::vector<TargetExample>& examples, const std::filesystem::path& model_file) override {
        std::vector<const Vector*> vectors;
        std::vector<float> targets;
        for (const auto& example : examples) {
            vectors.push_back(&example.inputs.get<Vector>("features"));
            targets.push_back(static_cast<float>(example.target));
        }
        const FeatureScaling scaling = FeatureScaling::fit(vectors);
        auto parameters = common_parameters(params_);
        parameters["objective"] = "reg:squarederror";
        add_tree_parameters(params_, parameters);
        Booster booster =
            Booster::train(scaling.rows(vectors), targets, parameters, static_cast<int>(params_.integer("rounds")));
        scaling.store(booster);
        booster.save(model_file);
    }

private:
    Params params_;
    std::optional<Booster> model_;
    std::optional<FeatureScaling> scaling_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_regressor() { return std::make_unique<GbtRegressor>(); }

}  // namespace timbre::plugins
