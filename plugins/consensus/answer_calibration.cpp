// SPDX-License-Identifier: GPL-3.0-or-later
// Fitting is a grid search one parameter at a time, repeated until a pass changes nothing:
// with at most eight parameters and a few hundred examples it is instant, deterministic and
// cannot diverge, which a gradient method on a few hundred examples could.
#include "answer_calibration.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "timbre/error.hpp"
#include "yaml_model_file.hpp"

namespace timbre::plugins {

namespace {

constexpr std::array kTemperatures{0.25, 0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0};
constexpr std::array kWeights{0.0, 0.25, 0.5, 1.0, 2.0, 4.0};
constexpr double kFloor = 1e-9;  // probabilities below it count as it: log(0) has no gradient to follow
constexpr int kMaxPasses = 20;

std::string input_name(int i) { return "l" + std::to_string(i + 1); }

// p^(1/T), renormalised.
AnswerProbabilities tempered(const AnswerProbabilities& probabilities, double temperature) {
    AnswerProbabilities result;
    double sum = 0.0;
    for (const auto& [answer, probability] : probabilities) {
        const double value = std::pow(std::max(probability, kFloor), 1.0 / temperature);
        result.emplace_back(answer, value);
        sum += value;
    }
    for (auto& entry : result) {
        entry.second /= sum;
    }
    return result;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& message) {
    throw ParameterError("model", file.string() + ": " + message);
}

}  // namespace

void add_probability(AnswerProbabilities& sums, const std::string& answer, double amount) {
    const auto it = std::find_if(sums.begin(), sums.end(), [&](const auto& sum) { return sum.first == answer; });
    if (it == sums.end()) {
        sums.emplace_back(answer, amount);
    } else {
        it->second += amount;
    }
}

AnswerCalibration::AnswerCalibration(const std::array<double, kConsensusInputs>& weights) {
    for (int i = 0; i < kConsensusInputs; ++i) {
        inputs_[i].weight = weights[i];
    }
}

AnswerProbabilities AnswerCalibration::combine(const ModelAnswers& inputs) const {
    AnswerProbabilities sums;
    double total_weight = 0.0;
    for (int i = 0; i < kConsensusInputs; ++i) {
        if (!inputs[i] || inputs_[i].weight == 0.0) {
            continue;
        }
        for (const auto& [answer, probability] : tempered(*inputs[i], inputs_[i].temperature)) {
            add_probability(sums, answer, inputs_[i].weight * probability);
        }
        total_weight += inputs_[i].weight;
    }
    if (total_weight == 0.0) {
        throw InputError("no model with a weight above 0 gave class probabilities");
    }
    for (auto& entry : sums) {
        entry.second /= total_weight;
    }
    return answer_temperature_ == 1.0 ? sums : tempered(sums, answer_temperature_);
}

void AnswerCalibration::fit(const std::vector<CalibrationExample>& examples) {
    if (examples.empty()) {
        throw Error("no example to fit the answer's calibration on");
    }
    std::array<bool, kConsensusInputs> present{};
    for (const auto& example : examples) {
        for (int i = 0; i < kConsensusInputs; ++i) {
            present[i] = present[i] || example.inputs[i].has_value();
        }
    }
    const auto loss = [&](const AnswerCalibration& candidate) {
        double sum = 0.0;
        for (const auto& example : examples) {
            AnswerProbabilities answer;
            try {
                answer = candidate.combine(example.inputs);
            } catch (const InputError&) {
                return std::numeric_limits<double>::infinity();  // every model that ran weighs 0
            }
            const auto right = std::find_if(answer.begin(), answer.end(),
                                            [&](const auto& entry) { return entry.first == example.answer; });
            sum -= std::log(std::max(right == answer.end() ? 0.0 : right->second, kFloor));
        }
        return sum / static_cast<double>(examples.size());
    };
    for (int i = 0; i < kConsensusInputs; ++i) {
        if (present[i]) {
            inputs_[i].temperature = 1.0;
        }
    }
    double best = loss(*this);
    // Tries each value of `grid` for the parameter `value_of` picks; keeps the best if it improves.
    const auto improve = [&](const auto& grid, const auto& value_of) {
        bool improved = false;
        for (double value : grid) {
            AnswerCalibration candidate = *this;
            value_of(candidate) = value;
            const double candidate_loss = loss(candidate);
            if (candidate_loss < best - 1e-12) {
                best = candidate_loss;
                *this = candidate;
                improved = true;
            }
        }
        return improved;
    };
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        bool changed = false;
        for (int i = 0; i < kConsensusInputs; ++i) {
            if (present[i]) {
                changed |= improve(kWeights, [i](AnswerCalibration& c) -> double& { return c.inputs_[i].weight; });
                changed |= improve(kTemperatures, [i](AnswerCalibration& c) -> double& { return c.inputs_[i].temperature; });
            }
        }
        changed |= improve(kTemperatures, [](AnswerCalibration& c) -> double& { return c.answer_temperature_; });
        if (!changed) {
            break;
        }
    }
    fitted_ = present;
    examples_ = examples.size();
}

AnswerCalibration AnswerCalibration::read(const std::filesystem::path& file,
                                          const std::array<double, kConsensusInputs>& weights) {
    AnswerCalibration calibration(weights);
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& error) {
        fail(file, "not a calibration timbre train wrote (" + error.msg + ")");
    }
    calibration.examples_ = root["examples"] ? root["examples"].as<std::size_t>(0) : 0;
    if (const YAML::Node answer = root["answer_temperature"]) {
        calibration.answer_temperature_ = answer.as<double>(0.0);
        if (!(calibration.answer_temperature_ > 0.0)) {
            fail(file, "'answer_temperature' must be a number above 0");
        }
    }
    const YAML::Node inputs = root["inputs"];
    if (!inputs || !inputs.IsMap()) {
        fail(file, "has no 'inputs' map: not a calibration timbre train wrote");
    }
    for (const auto& entry : inputs) {
        const std::string name = entry.first.as<std::string>();
        int i = 0;
        while (i < kConsensusInputs && input_name(i) != name) {
            ++i;
        }
        if (i == kConsensusInputs) {
            fail(file, "unknown input '" + name + "' (expected l1 to l4)");
        }
        try {
            calibration.inputs_[i].weight = entry.second["weight"].as<double>();
            calibration.inputs_[i].temperature = entry.second["temperature"].as<double>();
        } catch (const YAML::Exception&) {
            fail(file, "input '" + name + "' needs a numeric weight and temperature");
        }
        if (!(calibration.inputs_[i].weight >= 0.0) || !(calibration.inputs_[i].temperature > 0.0)) {
            fail(file, "input '" + name + "' needs a weight of 0 or more and a temperature above 0");
        }
        calibration.fitted_[i] = true;
    }
    return calibration;
}

void AnswerCalibration::write(const std::filesystem::path& file, const std::optional<DataTerms>& terms) const {
    YAML::Emitter out;
    out << YAML::Comment("timbre.consensus calibration, written by timbre train --node: per model, its weight in the "
                         "mean and the temperature T its probabilities are raised to 1/T by first; then the mean's");
    out.SetDoublePrecision(4);
    out << YAML::BeginMap << YAML::Key << "examples" << YAML::Value << examples_;
    out << YAML::Key << "answer_temperature" << YAML::Value << answer_temperature_;
    out << YAML::Key << "inputs" << YAML::Value << YAML::BeginMap;
    for (int i = 0; i < kConsensusInputs; ++i) {
        if (fitted_[i]) {
            out << YAML::Key << input_name(i) << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "weight"
                << YAML::Value << inputs_[i].weight << YAML::Key << "temperature" << YAML::Value
                << inputs_[i].temperature << YAML::EndMap;
        }
    }
    out << YAML::EndMap;
    write_yaml_model(file, out, terms);
}

std::optional<DataTerms> AnswerCalibration::read_terms(const std::filesystem::path& file) {
    return read_yaml_model_terms(file, "a calibration");
}

}  // namespace timbre::plugins
