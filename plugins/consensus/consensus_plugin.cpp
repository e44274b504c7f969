// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.consensus: the one genre (or mood) a track is given, from every model that ran on
// it: each model's class probabilities are put in the answer's words (answer_vocabulary.hpp)
// and averaged with the models' weights. A model that did not run (lyrics on a track without
// them) is left out of the average rather than counted as a vote for nothing.
#include <algorithm>
#include <array>

#include "answer_vocabulary.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

constexpr int kLabelsInputs = 4;

std::string input_port(int i) { return "l" + std::to_string(i); }
std::string weight_param(int i) { return "weight" + std::to_string(i); }

Descriptor consensus_descriptor() {
    Descriptor descriptor{"timbre.consensus", "1.0.0", Kind::classifier,
                          "One answer from several models' class probabilities: their classes put in one vocabulary "
                          "of words, then a weighted mean over the models that ran",
                          {},
                          {{"labels", PortType::labels,
                            "the answer: each word's weighted mean probability over the models that ran"}},
                          {{"vocabulary", ParamType::path, std::string(), {}, {}, {}, "",
                            "YAML table of answers, the model classes each stands for and where its name comes from "
                            "(none: every class is its own answer)"}}};
    for (int i = 1; i <= kLabelsInputs; ++i) {
        descriptor.inputs.push_back(
            {input_port(i), PortType::labels, "one model's class probabilities (left out where it did not run)", true,
             false, true});
        descriptor.params.push_back({weight_param(i), ParamType::real, 1.0, 0.0, {}, {}, "",
                                     "the weight of " + input_port(i) + "'s model in the mean"});
    }
    return descriptor;
}

class Consensus : public Plugin {
public:
    void configure(const Params& params) override {
        const std::string& file = params.string("vocabulary");
        vocabulary_ = file.empty() ? AnswerVocabulary() : AnswerVocabulary::read(file);
        for (int i = 1; i <= kLabelsInputs; ++i) {
            weights_[i - 1] = params.real(weight_param(i));
        }
    }

    Outputs process(const Inputs& inputs) override {
        std::vector<std::pair<std::string, double>> sums;  // answer -> weighted probability, first seen first
        auto add = [&sums](const std::string& answer, double amount) {
            auto it = std::find_if(sums.begin(), sums.end(), [&](const auto& sum) { return sum.first == answer; });
            if (it == sums.end()) {
                sums.emplace_back(answer, amount);
            } else {
                it->second += amount;
            }
        };
        double total_weight = 0.0;
        for (int i = 1; i <= kLabelsInputs; ++i) {
            if (!inputs.has(input_port(i)) || weights_[i - 1] == 0.0) {
                continue;
            }
            for (const auto& [model_class, probability] : inputs.get<Labels>(input_port(i)).probabilities()) {
                add(vocabulary_.answer(model_class), weights_[i - 1] * probability);
            }
            total_weight += weights_[i - 1];
        }
        if (total_weight == 0.0) {
            throw InputError("no model with a weight above 0 gave class probabilities");
        }
        for (auto& [answer, sum] : sums) {
            sum /= total_weight;
        }
        // The table's order, so every track lists its answers alike.
        const auto& order = vocabulary_.answers();
        std::stable_sort(sums.begin(), sums.end(), [&order](const auto& a, const auto& b) {
            return std::find(order.begin(), order.end(), a.first) < std::find(order.begin(), order.end(), b.first);
        });
        Outputs outputs;
        outputs.put("labels", Labels(std::move(sums)));
        return outputs;
    }

private:
    AnswerVocabulary vocabulary_;
    std::array<double, kLabelsInputs> weights_{};
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Consensus>(timbre::plugins::consensus_descriptor()))
