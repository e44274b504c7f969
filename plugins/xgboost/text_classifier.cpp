// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.text_classifier: lyrics (or any text) -> class probabilities, with TF-IDF over ICU
// word tokens and word pairs and, by default, a multinomial logistic regression on the sparse
// vectors (XGBoost gblinear, cyclic coordinate descent on one thread, so training is
// deterministic). XGBoost's `shotgun` updater on one thread is that descent, feature after
// feature; its `coord_descent` updater writes the same bytes but opens an OpenMP region per
// feature and round: 31 s where shotgun takes 0.6 s, on 20,000 terms.
// Trainable; the vocabulary and idf weights are stored in the model file with the weights.
#include <map>
#include <optional>

#include "booster.hpp"
#include "booster_model_terms.hpp"
#include "class_encoding.hpp"
#include "model_attributes.hpp"
#include "tfidf.hpp"
#include "timbre/text/terms.hpp"
#include "xgboost_classifiers.hpp"

namespace timbre::plugins {

Descriptor text_classifier_descriptor() {
    Descriptor descriptor{
        "timbre.text_classifier",
        "1.0.0",
        Kind::classifier,
        "TF-IDF (words and word pairs, ICU tokens) with logistic regression or boosted trees (XGBoost)",
        {{"text", PortType::text, "the text to classify, e.g. track.lyrics"}},
        {{"labels", PortType::labels, "probability of each class the model was trained on"}},
        {
            {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train`"},
            {"booster", ParamType::string, std::string("gblinear"), {}, {}, {"gblinear", "gbtree"}, "",
             "gblinear: multinomial logistic regression; gbtree: boosted trees"},
            {"rounds", ParamType::integer, std::int64_t{100}, 1, 5000, {}, "", "training rounds"},
            {"learning_rate", ParamType::real, 0.5, 0.001, 1.0, {}, "", "step size per round"},
            {"l2", ParamType::real, 1e-4, 0.0, 1000.0, {}, "", "L2 penalty on the weights (per example)"},
            {"l1", ParamType::real, 0.0, 0.0, 1000.0, {}, "", "L1 penalty on the weights (per example)"},
            {"threads", ParamType::integer, std::int64_t{1}, 0, 256, {}, "",
             "gbtree's training threads, 0 = all cores (gblinear trains on one: its descent is sequential)"},
        }};
    const auto vocabulary = text::vocabulary_params();
    descriptor.params.insert(descriptor.params.begin() + 1, vocabulary.begin(), vocabulary.end());
    return descriptor;
}

namespace {

class TextClassifier : public Plugin, public Trainable, public BoosterModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        vocabulary_.reset();
        model_ = open_model(params);
        if (!model_) {
            return;
        }
        classes_ = split_lines(model_->attribute("timbre_classes"));
        vocabulary_.emplace(split_lines(model_->attribute("timbre_vocabulary")),
                            parse_numbers(model_->attribute("timbre_idf")));
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const std::vector<std::string> terms = text::word_and_pair_terms(inputs.get<Text>("text").text);
        if (terms.empty()) {
            throw InputError("the text holds no words (no lyrics?)");
        }
        // A text whose words are all unknown to the model gets the model's prediction for an
        // empty vector: its intercepts, i.e. what it learned about the classes' base rates.
        SparseRows row;
        vocabulary_->add_row(terms, row);
        Outputs outputs;
        outputs.put("labels", labels_from(classes_, model_->predict(row)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        const ClassEncoding encoding = encode_classes(examples);
        std::vector<std::vector<std::string>> documents;
        for (const auto& example : examples) {
            documents.push_back(text::word_and_pair_terms(example.inputs.get<Text>("text").text));
        }
        const TfidfVocabulary vocabulary = TfidfVocabulary::fit(documents, params_);
        SparseRows rows;
        for (const auto& document : documents) {
            vocabulary.add_row(document, rows);
        }
        auto parameters = shared_parameters(params_, encoding.classes.size());
        parameters["alpha"] = std::to_string(params_.real("l1"));
        if (params_.string("booster") == "gblinear") {
            parameters["updater"] = "shotgun";
            parameters["feature_selector"] = "cyclic";
        } else {
            parameters["tree_method"] = "hist";
        }
        Booster booster =
            Booster::train(rows, booster_labels(encoding), parameters, static_cast<int>(params_.integer("rounds")));
        booster.set_attribute("timbre_classes", join_lines(encoding.classes));
        booster.set_attribute("timbre_vocabulary", join_lines(vocabulary.terms()));
        booster.set_attribute("timbre_idf", numbers_text(vocabulary.idf()));
        booster.save(model_file);
    }

private:
    Params params_;
    std::optional<Booster> model_;
    std::optional<TfidfVocabulary> vocabulary_;
    std::vector<std::string> classes_;
};

}  // namespace

std::unique_ptr<Plugin> make_text_classifier() { return std::make_unique<TextClassifier>(); }

}  // namespace timbre::plugins
