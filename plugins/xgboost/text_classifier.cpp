// timbre.text_classifier: lyrics (or any text) -> class probabilities, with TF-IDF over ICU
// word tokens and word pairs and, by default, a multinomial logistic regression on the sparse
// vectors (XGBoost gblinear, cyclic coordinate descent, so training is deterministic).
// Trainable; the vocabulary and idf weights are stored in the model file with the weights.
#include <map>
#include <optional>
#include <set>

#include "booster.hpp"
#include "model_attributes.hpp"
#include "tfidf.hpp"
#include "word_tokens.hpp"
#include "xgboost_classifiers.hpp"

namespace timbre::plugins {

Descriptor text_classifier_descriptor() {
    return Descriptor{
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
            {"min_documents", ParamType::integer, std::int64_t{2}, 1, 1000, {}, "texts",
             "keep terms that occur in at least this many training texts"},
            {"max_terms", ParamType::integer, std::int64_t{20000}, 10, 1000000, {}, "", "vocabulary size cap"},
            {"rounds", ParamType::integer, std::int64_t{100}, 1, 5000, {}, "", "training rounds"},
            {"learning_rate", ParamType::real, 0.5, 0.001, 1.0, {}, "", "step size per round"},
            {"l2", ParamType::real, 1e-4, 0.0, 1000.0, {}, "", "L2 penalty on the weights (per example)"},
            {"l1", ParamType::real, 0.0, 0.0, 1000.0, {}, "", "L1 penalty on the weights (per example)"},
            {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "", "training threads, 0 = all cores"},
        }};
}

namespace {

std::vector<std::string> terms_of(const std::string& text) { return unigrams_and_bigrams(word_tokens(text)); }

class TextClassifier : public Plugin, public Trainable {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_.reset();
        vocabulary_.reset();
        const std::string& file = params.string("model");
        if (file.empty()) {
            return;
        }
        if (!std::filesystem::exists(file)) {
            throw ParameterError("model", "file not found: " + file + " (train it with `timbre train`)");
        }
        model_.emplace(Booster::load(file));
        model_->set_parameter("nthread", "1");
        classes_ = split_lines(model_->attribute("timbre_classes"));
        vocabulary_.emplace(split_lines(model_->attribute("timbre_vocabulary")),
                            parse_numbers(model_->attribute("timbre_idf")));
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const std::vector<std::string> terms = terms_of(inputs.get<Text>("text").text);
        if (terms.empty()) {
            throw InputError("the text holds no words (no lyrics?)");
        }
        // A text whose words are all unknown to the model gets the model's prediction for an
        // empty vector: its intercepts, i.e. what it learned about the classes' base rates.
        SparseRows row;
        vocabulary_->add_row(terms, row);
        const std::vector<float> probabilities = model_->predict(row);
        double total = 0.0;
        for (float p : probabilities) {
            total += p;
        }
        std::vector<std::pair<std::string, double>> labels;
        for (std::size_t c = 0; c < classes_.size(); ++c) {
            labels.emplace_back(classes_[c], probabilities[c] / total);
        }
        Outputs outputs;
        outputs.put("labels", Labels(std::move(labels)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        std::set<std::string> class_set;
        std::vector<std::vector<std::string>> documents;
        for (const auto& example : examples) {
            class_set.insert(example.label);
            documents.push_back(terms_of(example.inputs.get<Text>("text").text));
        }
        if (class_set.size() < 2) {
            throw Error("training needs at least two classes, got " + std::to_string(class_set.size()));
        }
        const std::vector<std::string> classes(class_set.begin(), class_set.end());
        std::map<std::string, float> class_index;
        for (std::size_t c = 0; c < classes.size(); ++c) {
            class_index[classes[c]] = static_cast<float>(c);
        }
        const TfidfVocabulary vocabulary =
            TfidfVocabulary::fit(documents, static_cast<std::size_t>(params_.integer("min_documents")),
                                 static_cast<std::size_t>(params_.integer("max_terms")));
        SparseRows rows;
        std::vector<float> labels;
        for (std::size_t i = 0; i < documents.size(); ++i) {
            vocabulary.add_row(documents[i], rows);
            labels.push_back(class_index.at(examples[i].label));
        }
        const bool linear = params_.string("booster") == "gblinear";
        std::map<std::string, std::string> parameters{{"booster", params_.string("booster")},
                                                      {"objective", "multi:softprob"},
                                                      {"num_class", std::to_string(classes.size())},
                                                      {"eta", std::to_string(params_.real("learning_rate"))},
                                                      {"lambda", std::to_string(params_.real("l2"))},
                                                      {"alpha", std::to_string(params_.real("l1"))},
                                                      {"verbosity", "0"}};
        if (linear) {
            parameters["updater"] = "coord_descent";
            parameters["feature_selector"] = "cyclic";
        } else {
            parameters["tree_method"] = "hist";
        }
        if (params_.integer("threads") > 0) {
            parameters["nthread"] = std::to_string(params_.integer("threads"));
        }
        Booster booster = Booster::train(rows, labels, parameters, static_cast<int>(params_.integer("rounds")));
        booster.set_attribute("timbre_classes", join_lines(classes));
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
