// timbre.gbt_classifier: gradient-boosted trees (or, with booster gblinear, multinomial
// logistic regression) over a named feature vector, through XGBoost. Trainable: `timbre
// train` fits it; inference reads the model file named by its `model` parameter. Features
// are matched by name and standardised with the training set's mean and deviation, both
// stored in the model, so wiring a vector with the columns in another order still works.
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "booster.hpp"
#include "class_encoding.hpp"
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
        {
            {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train` (JSON)"},
            {"booster", ParamType::string, std::string("gbtree"), {}, {}, {"gbtree", "gblinear"}, "",
             "gbtree: boosted trees; gblinear: multinomial logistic regression"},
            {"rounds", ParamType::integer, std::int64_t{300}, 1, 5000, {}, "", "boosting rounds"},
            {"max_depth", ParamType::integer, std::int64_t{6}, 1, 20, {}, "", "tree depth (gbtree)"},
            {"learning_rate", ParamType::real, 0.05, 0.001, 1.0, {}, "", "shrinkage per round"},
            {"subsample", ParamType::real, 0.8, 0.1, 1.0, {}, "", "share of rows per tree"},
            {"colsample", ParamType::real, 0.8, 0.1, 1.0, {}, "", "share of features per tree"},
            {"min_child_weight", ParamType::real, 1.0, 0.0, 1000.0, {}, "", "minimum hessian per leaf"},
            {"l2", ParamType::real, 1.0, 0.0, 1000.0, {}, "", "L2 regularisation of leaf weights / coefficients"},
            {"seed", ParamType::integer, std::int64_t{0}, 0, 1000000, {}, "", "random seed for subsampling"},
            {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "", "training threads, 0 = all cores"},
        }};
}

namespace {

class GbtClassifier : public Plugin, public Trainable {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_ = open_model(params);
        if (!model_) {
            return;
        }
        const std::string& file = params.string("model");
        classes_ = split_lines(model_->attribute("timbre_classes"));
        features_ = split_lines(model_->attribute("timbre_features"));
        mean_ = parse_numbers(model_->attribute("timbre_feature_mean"));
        scale_ = parse_numbers(model_->attribute("timbre_feature_scale"));
        if (mean_.size() != features_.size() || scale_.size() != features_.size()) {
            throw ParameterError("model", file + " has inconsistent feature attributes (" + std::to_string(features_.size()) +
                                              " features, " + std::to_string(mean_.size()) + " means, " +
                                              std::to_string(scale_.size()) + " scales)");
        }
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const Vector& vector = inputs.get<Vector>("features");
        std::map<std::string, double> by_name;
        for (std::size_t i = 0; i < vector.size(); ++i) {
            by_name[vector.names()[i]] = vector.values()[i];
        }
        DenseRows row{std::vector<float>(features_.size()), 1, features_.size()};
        for (std::size_t f = 0; f < features_.size(); ++f) {
            const auto it = by_name.find(features_[f]);
            if (it == by_name.end()) {
                throw InputError("feature '" + features_[f] + "' that the model was trained on is missing from the input");
            }
            row.values[f] = static_cast<float>((it->second - mean_[f]) / scale_[f]);
        }
        Outputs outputs;
        outputs.put("labels", labels_from(classes_, model_->predict(row)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        if (examples.empty()) {
            throw Error("no training examples");
        }
        const Vector& first = examples.front().inputs.get<Vector>("features");
        const std::vector<std::string> features = first.names();
        const ClassEncoding encoding = encode_classes(examples);
        const std::size_t columns = features.size();
        std::vector<double> mean(columns, 0.0), scale(columns, 0.0);
        for (const auto& example : examples) {
            const Vector& vector = example.inputs.get<Vector>("features");
            if (vector.names() != features) {
                throw Error("examples carry different feature names");
            }
            for (std::size_t f = 0; f < columns; ++f) {
                mean[f] += vector.values()[f] / static_cast<double>(examples.size());
            }
        }
        for (const auto& example : examples) {
            for (std::size_t f = 0; f < columns; ++f) {
                const double d = example.inputs.get<Vector>("features").values()[f] - mean[f];
                scale[f] += d * d / static_cast<double>(examples.size());
            }
        }
        for (double& s : scale) {
            s = s > 0.0 ? std::sqrt(s) : 1.0;
        }
        DenseRows rows{std::vector<float>(examples.size() * columns), examples.size(), columns};
        for (std::size_t r = 0; r < examples.size(); ++r) {
            const auto& values = examples[r].inputs.get<Vector>("features").values();
            for (std::size_t f = 0; f < columns; ++f) {
                rows.values[r * columns + f] = static_cast<float>((values[f] - mean[f]) / scale[f]);
            }
        }
        const bool linear = params_.string("booster") == "gblinear";
        auto parameters = shared_parameters(params_, encoding.classes.size());
        parameters["seed"] = std::to_string(params_.integer("seed"));
        if (!linear) {
            parameters["max_depth"] = std::to_string(params_.integer("max_depth"));
            parameters["subsample"] = std::to_string(params_.real("subsample"));
            parameters["colsample_bytree"] = std::to_string(params_.real("colsample"));
            parameters["min_child_weight"] = std::to_string(params_.real("min_child_weight"));
            parameters["tree_method"] = "hist";
        }
        Booster booster =
            Booster::train(rows, booster_labels(encoding), parameters, static_cast<int>(params_.integer("rounds")));
        booster.set_attribute("timbre_classes", join_lines(encoding.classes));
        booster.set_attribute("timbre_features", join_lines(features));
        booster.set_attribute("timbre_feature_mean", numbers_text(mean));
        booster.set_attribute("timbre_feature_scale", numbers_text(scale));
        booster.save(model_file);
    }

private:
    Params params_;
    std::optional<Booster> model_;
    std::vector<std::string> classes_;
    std::vector<std::string> features_;
    std::vector<double> mean_;
    std::vector<double> scale_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_classifier() { return std::make_unique<GbtClassifier>(); }

}  // namespace timbre::plugins
