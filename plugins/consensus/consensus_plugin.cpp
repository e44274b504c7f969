// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.consensus: the one genre (or mood) a track is given, from every model that ran on
// it: each model's class probabilities are put in the answer's words (answer_vocabulary.hpp)
// and averaged with the models' weights, after a temperature per model when a fitted
// calibration is given (answer_calibration.hpp). A model that did not run (lyrics on a track
// without them) is left out of the average rather than counted as a vote for nothing.
#include <algorithm>

#include "answer_calibration.hpp"
#include "answer_vocabulary.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

std::string input_port(int i) { return "l" + std::to_string(i); }
std::string weight_param(int i) { return "weight" + std::to_string(i); }

Descriptor consensus_descriptor() {
    Descriptor descriptor{"timbre.consensus", "1.1.0", Kind::classifier,
                          "One answer from several models' class probabilities: their classes put in one vocabulary "
                          "of words, then a weighted mean over the models that ran (calibrated when fitted)",
                          {},
                          {{"labels", PortType::labels,
                            "the answer: each word's weighted mean probability over the models that ran"}},
                          {{"vocabulary", ParamType::path, std::string(), {}, {}, {}, "",
                            "YAML table of answers, the model classes each stands for and where its name comes from "
                            "(none: every class is its own answer)"},
                           {"model", ParamType::path, std::string(), {}, {}, {}, "",
                            "calibration written by `timbre train CONFIG --node ID` (each model's weight and "
                            "temperature; none: the weights below, no temperature)"}}};
    for (int i = 1; i <= kConsensusInputs; ++i) {
        descriptor.inputs.push_back(
            {input_port(i), PortType::labels, "one model's class probabilities (left out where it did not run)", true,
             false, true});
        descriptor.params.push_back({weight_param(i), ParamType::real, 1.0, 0.0, {}, {}, "",
                                     "the weight of " + input_port(i) + "'s model in the mean, unless a fitted model "
                                     "gives it"});
    }
    return descriptor;
}

class Consensus : public Plugin, public Trainable {
public:
    void configure(const Params& params) override {
        const std::string& file = params.string("vocabulary");
        vocabulary_ = file.empty() ? AnswerVocabulary() : AnswerVocabulary::read(file);
        std::array<double, kConsensusInputs> weights{};
        for (int i = 0; i < kConsensusInputs; ++i) {
            weights[i] = params.real(weight_param(i + 1));
        }
        const std::string& model = params.string("model");
        calibration_ = model.empty() ? AnswerCalibration(weights) : AnswerCalibration::read(model, weights);
        weights_ = weights;
    }

    Outputs process(const Inputs& inputs) override {
        auto answers = calibration_.combine(in_words(inputs));
        // The table's order, so every track lists its answers alike.
        const auto& order = vocabulary_.answers();
        std::stable_sort(answers.begin(), answers.end(), [&order](const auto& a, const auto& b) {
            return std::find(order.begin(), order.end(), a.first) < std::find(order.begin(), order.end(), b.first);
        });
        Outputs outputs;
        outputs.put("labels", Labels(std::move(answers)));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        std::vector<CalibrationExample> fitting;
        for (const auto& example : examples) {
            fitting.push_back({in_words(example.inputs), example.label});
        }
        AnswerCalibration fitted(weights_);
        fitted.fit(fitting);
        fitted.write(model_file, std::nullopt);
    }

    std::optional<DataTerms> read_terms(const std::filesystem::path& model_file) const override {
        return AnswerCalibration::read_terms(model_file);
    }

    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override {
        AnswerCalibration::read(model_file, weights_).write(model_file, terms);
    }

private:
    // Each wired model's probabilities in the answer's words, classes of one word summed.
    ModelAnswers in_words(const Inputs& inputs) const {
        ModelAnswers worded;
        for (int i = 0; i < kConsensusInputs; ++i) {
            if (!inputs.has(input_port(i + 1))) {
                continue;
            }
            auto& answers = worded[i].emplace();
            for (const auto& [model_class, probability] : inputs.get<Labels>(input_port(i + 1)).probabilities()) {
                add_probability(answers, vocabulary_.answer(model_class), probability);
            }
        }
        return worded;
    }

    AnswerVocabulary vocabulary_;
    AnswerCalibration calibration_{std::array<double, kConsensusInputs>{}};
    std::array<double, kConsensusInputs> weights_{};
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Consensus>(timbre::plugins::consensus_descriptor()))
