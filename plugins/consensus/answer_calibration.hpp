// SPDX-License-Identifier: GPL-3.0-or-later
// How much each model counts in an answer, how far its probabilities are sharpened or
// flattened first (a temperature: p^(1/T), renormalised), and how far the mean is, so that the
// answer's "0.9" is right nine times in ten. Fitted by `timbre train CONFIG --node ID` on examples none of the models
// trained on, and kept as a small YAML file with the training data's terms.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "answer_vocabulary.hpp"
#include "timbre/data_terms.hpp"

namespace timbre::plugins {

inline constexpr int kConsensusInputs = 4;

// Probabilities by answer, in the order the answers were first seen.
using AnswerProbabilities = std::vector<std::pair<std::string, double>>;
// Each input's probabilities in the answer's words; nullopt where that model did not run.
using ModelAnswers = std::array<std::optional<AnswerProbabilities>, kConsensusInputs>;

// Adds `amount` to `answer`'s entry of `sums`, appending the entry when it is the first.
void add_probability(AnswerProbabilities& sums, const std::string& answer, double amount);

struct InputCalibration {
    double weight = 1.0;
    double temperature = 1.0;
};

// One example for fitting: what each model said, and the right answer.
struct CalibrationExample {
    ModelAnswers inputs;
    std::string answer;
};

class AnswerCalibration {
public:
    // Every input at its given weight and temperature 1: the plain weighted mean.
    explicit AnswerCalibration(const std::array<double, kConsensusInputs>& weights);

    // The answer from each input's probabilities (in the answer's words; nullopt: did not
    // run), first seen first. Throws timbre::InputError when no input with weight > 0 ran.
    AnswerProbabilities combine(const ModelAnswers& inputs) const;

    // The weights and temperatures of the inputs that ran on any of `examples`, and the mean's
    // temperature, chosen to minimise the mean negative log-likelihood of the right answers
    // (coordinate descent over fixed grids, from the given weights and temperature 1); the
    // other inputs keep theirs.
    void fit(const std::vector<CalibrationExample>& examples);

    // The file `write` makes; fitted inputs override the given weights, the rest keep them.
    // Throws timbre::ParameterError ("model") naming the file and what is wrong.
    static AnswerCalibration read(const std::filesystem::path& file, const std::array<double, kConsensusInputs>& weights);
    void write(const std::filesystem::path& file, const std::optional<DataTerms>& terms) const;
    static std::optional<DataTerms> read_terms(const std::filesystem::path& file);

private:
    std::array<InputCalibration, kConsensusInputs> inputs_;
    double answer_temperature_ = 1.0;  // applied to the mean: models that disagree flatten it
    std::array<bool, kConsensusInputs> fitted_{};
    std::size_t examples_ = 0;  // fitted on
};

}  // namespace timbre::plugins
