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
#include "feature_scaling.hpp"
#include "model_attributes.hpp"
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
        model_ = open_model(params);
        if (!model_) {
            return;
        }
        classes_ = split_lines(model_->attribute("timbre_classes"));
        scaling_ = FeatureScaling::from(*model_, params.string("model"));
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const DenseRows row = scaling_->rows({&inputs.get<Vector>("features")});
        Outputs outputs;
        outputs.put("labels", labels_from(classes_, model_->predict(row)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        std::vector<const Vector*> vectors;
        for (const auto& example : examples) {
            vectors.push_back(&example.inputs.get<Vector>("features"));
        }
        const FeatureScaling scaling = FeatureScaling::fit(vectors);
        const ClassEncoding encoding = encode_classes(examples);
        auto parameters = shared_parameters(params_, encoding.classes.size());
        add_tree_parameters(params_, parameters);
        Booster booster = Booster::train(scaling.rows(vectors), booster_labels(encoding), parameters,
                                         static_cast<int>(params_.integer("rounds")));
        booster.set_attribute("timbre_classes", join_lines(encoding.classes));
        scaling.store(booster);
        booster.save(model_file);
    }

private:
    Params params_;
    std::optional<Booster> model_;
    std::vector<std::string> classes_;
    std::optional<FeatureScaling> scaling_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_classifier() { return std::make_unique<GbtClassifier>(); }

}  // namespace timbre::plugins
