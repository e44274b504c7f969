// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.gbt_classifier: gradient-boosted trees (or, with booster gblinear, multinomial
// logistic regression) over a named feature vector, through XGBoost. Trainable: `timbre
// train` fits it; inference reads the model file named by its `model` parameter. Features
// are matched by name and standardised (feature_scaling.hpp).
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "boosting_parameters.hpp"
#include "booster.hpp"
#include "booster_model_terms.hpp"
#include "class_encoding.hpp"
#include "model_attributes.hpp"
#include "scaled_model.hpp"
#include "xgboost_classifiers.hpp"

namespace timbre::plugins {

Descriptor gbt_classifier_descriptor() {
    return Descriptor{
        "timbre.gbt_classifier",
        "1.0.0",
        Kind::classifier,
        "Gradient-boosted trees or multinomial logistic regression (XGBoost) over a named feature vector",
        {{"features", PortType::vector, "the numbers to classify, matched by name to the model's features"}},
        {{"labels", PortType::labels, "probability of each class the model was trained on"}},
        dense_booster_params("multinomial logistic regression")};
}

namespace {

class GbtClassifier : public Plugin, public Trainable, public BoosterModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_ = ScaledModel::open(params);
        if (model_) {
            classes_ = split_lines(model_->booster.attribute("timbre_classes"));
        }
    }

    Outputs process(const Inputs& inputs) override {
        Outputs outputs;
        outputs.put("labels", labels_from(classes_, predict_features(model_, inputs)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        const ClassEncoding encoding = encode_classes(examples);
        auto parameters = shared_parameters(params_, encoding.classes.size());
        add_tree_parameters(params_, parameters);
        ScaledModel model = ScaledModel::fit(feature_vectors(examples), booster_labels(encoding), parameters, params_);
        model.booster.set_attribute("timbre_classes", join_lines(encoding.classes));
        model.booster.save(model_file);
    }

private:
    Params params_;
    std::optional<ScaledModel> model_;
    std::vector<std::string> classes_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_classifier() { return std::make_unique<GbtClassifier>(); }

}  // namespace timbre::plugins
