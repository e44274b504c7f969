// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.gbt_tagger: gradient-boosted trees (XGBoost) that say, for each tag it was trained
// on, how likely that tag applies to a named feature vector: the instruments heard in a
// mixture, say, where several apply at once. One logistic output per tag, fitted together
// as XGBoost's multi-target model, so the probabilities are each tag's own and need not
// add up to one. Features are matched by name and standardised as for gbt_classifier.
#include <algorithm>
#include <optional>
#include <set>

#include "boosting_parameters.hpp"
#include "booster.hpp"
#include "booster_model_terms.hpp"
#include "class_encoding.hpp"
#include "feature_scaling.hpp"
#include "model_attributes.hpp"
#include "xgboost_classifiers.hpp"

namespace timbre::plugins {

Descriptor gbt_tagger_descriptor() {
    return Descriptor{
        "timbre.gbt_tagger",
        "1.0.0",
        Kind::tagger,
        "Gradient-boosted trees (XGBoost) giving each tag's probability of applying to a named feature vector",
        {{"features", PortType::vector, "the numbers to tag, matched by name to the model's features"}},
        {{"presence", PortType::vector,
          "probability (0-1) that each tag the model was trained on applies, named by the tag; each on its own"}},
        dense_booster_params("one logistic regression per tag")};
}

namespace {

class GbtTagger : public Plugin, public TrainableTagger, public BoosterModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_ = open_model(params);
        if (!model_) {
            return;
        }
        tags_ = split_lines(model_->attribute("timbre_tags"));
        scaling_ = FeatureScaling::from(*model_, params.string("model"));
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const std::vector<float> probabilities = model_->predict(scaling_->rows({&inputs.get<Vector>("features")}));
        if (probabilities.size() != tags_.size()) {
            throw InputError("the model gives " + std::to_string(probabilities.size()) + " outputs for its " +
                             std::to_string(tags_.size()) + " tags");
        }
        Outputs outputs;
        outputs.put("presence", Vector(tags_, std::vector<double>(probabilities.begin(), probabilities.end())));
        return outputs;
    }

    void train(const std::vector<TaggedExample>& examples, const std::filesystem::path& model_file) override {
        std::set<std::string> tag_set;
        std::vector<const Vector*> vectors;
        for (const auto& example : examples) {
            tag_set.insert(example.tags.begin(), example.tags.end());
            vectors.push_back(&example.inputs.get<Vector>("features"));
        }
        if (tag_set.size() < 2) {
            throw Error("the training examples carry " + std::to_string(tag_set.size()) +
                        " distinct tag(s); a tagger needs at least two");
        }
        const std::vector<std::string> tags(tag_set.begin(), tag_set.end());
        DenseRows targets{std::vector<float>(examples.size() * tags.size(), 0.0F), examples.size(), tags.size()};
        for (std::size_t e = 0; e < examples.size(); ++e) {
            for (const auto& tag : examples[e].tags) {
                const auto column = std::lower_bound(tags.begin(), tags.end(), tag) - tags.begin();
                targets.values[e * tags.size() + static_cast<std::size_t>(column)] = 1.0F;
            }
        }
        const FeatureScaling scaling = FeatureScaling::fit(vectors);
        auto parameters = common_parameters(params_);
        parameters["objective"] = "binary:logistic";
        add_tree_parameters(params_, parameters);
        Booster booster = Booster::train(scaling.rows(vectors), targets, parameters,
                                         static_cast<int>(params_.integer("rounds")));
        booster.set_attribute("timbre_tags", join_lines(tags));
        scaling.store(booster);
        booster.save(model_file);
    }

private:
    Params params_;
    std::optional<Booster> model_;
    std::vector<std::string> tags_;
    std::optional<FeatureScaling> scaling_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_tagger() { return std::make_unique<GbtTagger>(); }

}  // namespace timbre::plugins
