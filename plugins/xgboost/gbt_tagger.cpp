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
#include "model_attributes.hpp"
#include "scaled_model.hpp"
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
        model_ = ScaledModel::open(params);
        if (model_) {
            tags_ = split_lines(model_->booster.attribute("timbre_tags"));
        }
    }

    Outputs process(const Inputs& inputs) override {
        const std::vector<float> probabilities = predict_features(model_, inputs);
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
        for (const auto& example : examples) {
            tag_set.insert(example.tags.begin(), example.tags.end());
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
        auto parameters = common_parameters(params_);
        parameters["objective"] = "binary:logistic";
        add_tree_parameters(params_, parameters);
        ScaledModel model = ScaledModel::fit(feature_vectors(examples), targets, parameters, params_);
        model.booster.set_attribute("timbre_tags", join_lines(tags));
        model.booster.save(model_file);
    }

private:
    Params params_;
    std::optional<ScaledModel> model_;
    std::vector<std::string> tags_;
};

}  // namespace

std::unique_ptr<Plugin> make_gbt_tagger() { return std::make_unique<GbtTagger>(); }

}  // namespace timbre::plugins
