// SPDX-License-Identifier: GPL-3.0-or-later
// Counting key profiles, fitting the minor bias and the probabilities' sharpness, and the
// model file (YAML: examples, sharpness, minor_bias, major and minor profiles, data_terms).
#include "key_model.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "timbre/error.hpp"
#include "yaml_model_file.hpp"

namespace timbre::plugins {

namespace {

// The bias is sought on a grid, either way, in steps of 0.01 (a correlation difference).
constexpr int kBiasSteps = 20;
constexpr double kBiasStep = 0.01;
constexpr std::array<double, 12> kSharpnessGrid{1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100};

double mean_score(const std::vector<AnnotatedChroma>& examples, const KeyProfiles& profiles) {
    double total = 0.0;
    for (const auto& example : examples) {
        const KeyEstimate estimate = estimate_key(example.chroma, profiles);
        total += mirex_key_score(estimate.index(), example.key);
    }
    return total / static_cast<double>(examples.size());
}

// How far the probability given to each track's top key is from whether that key is right
// (the Brier score of the answer's confidence): what "0.7" should mean, right 7 times in 10.
double confidence_error(const std::vector<KeyEstimate>& estimates, const std::vector<AnnotatedChroma>& examples,
                        double sharpness) {
    double total = 0.0;
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const auto probabilities = key_probabilities(estimates[i], sharpness);
        const auto top = std::max_element(probabilities.begin(), probabilities.end());
        const bool right = top - probabilities.begin() == examples[i].key;
        total += (*top - (right ? 1.0 : 0.0)) * (*top - (right ? 1.0 : 0.0));
    }
    return total;
}

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& why) {
    throw ParameterError("model", file.string() + ": " + why);
}

std::array<double, 12> profile_from(const YAML::Node& node, const std::filesystem::path& file, const char* name) {
    std::array<double, 12> profile{};
    if (!node || !node.IsSequence() || node.size() != 12) {
        fail(file, std::string("'") + name + "' must be a list of 12 numbers (C, C#, ..., B)");
    }
    for (std::size_t i = 0; i < 12; ++i) {
        profile[i] = node[i].as<double>();
        if (!std::isfinite(profile[i])) {
            fail(file, std::string("'") + name + "' holds a number that is not finite");
        }
    }
    return profile;
}

}  // namespace

KeyModel fit_key_model(const std::vector<AnnotatedChroma>& examples) {
    KeyModel model;
    std::array<std::size_t, 2> counts{};
    for (const auto& example : examples) {
        const double loudest = *std::max_element(example.chroma.begin(), example.chroma.end());
        if (!(loudest > 0.0)) {
            continue;  // silence says nothing about its key
        }
        const int tonic = example.key % 12;
        auto& profile = example.key < 12 ? model.profiles.major : model.profiles.minor;
        for (int i = 0; i < 12; ++i) {
            profile[i] += example.chroma[(i + tonic) % 12] / loudest;
        }
        ++counts[example.key < 12 ? 0 : 1];
    }
    if (counts[0] == 0 || counts[1] == 0) {
        throw Error("key profiles need tracks in a major and in a minor key; the examples hold " +
                    std::to_string(counts[0]) + " major and " + std::to_string(counts[1]) + " minor");
    }
    for (int i = 0; i < 12; ++i) {
        model.profiles.major[i] /= static_cast<double>(counts[0]);
        model.profiles.minor[i] /= static_cast<double>(counts[1]);
    }
    double best = -1.0;
    for (int step = 0; step <= 2 * kBiasSteps; ++step) {
        // 0, +0.01, -0.01, +0.02, ...: on a tie the smaller bias wins.
        const int signed_step = step % 2 == 0 ? -step / 2 : (step + 1) / 2;
        KeyProfiles candidate = model.profiles;
        candidate.minor_bias = signed_step * kBiasStep;
        const double score = mean_score(examples, candidate);
        if (score > best) {
            best = score;
            model.profiles.minor_bias = candidate.minor_bias;
        }
    }
    std::vector<KeyEstimate> estimates;
    for (const auto& example : examples) {
        estimates.push_back(estimate_key(example.chroma, model.profiles));
    }
    double lowest = INFINITY;
    for (double sharpness : kSharpnessGrid) {
        const double error = confidence_error(estimates, examples, sharpness);
        if (error < lowest) {
            lowest = error;
            model.sharpness = sharpness;
        }
    }
    model.examples = examples.size();
    return model;
}

std::array<double, 24> key_probabilities(const KeyEstimate& estimate, double sharpness) {
    const double top = *std::max_element(estimate.scores.begin(), estimate.scores.end());
    std::array<double, 24> probabilities{};
    double sum = 0.0;
    for (int i = 0; i < 24; ++i) {
        probabilities[i] = std::exp(sharpness * (estimate.scores[i] - top));
        sum += probabilities[i];
    }
    for (double& p : probabilities) {
        p /= sum;
    }
    return probabilities;
}

KeyModel read_key_model(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& error) {
        fail(file, "not a key model timbre train wrote (" + error.msg + ")");
    }
    KeyModel model;
    try {
        if (!root["sharpness"] || !root["minor_bias"]) {
            fail(file, "has no 'sharpness' or 'minor_bias': not a key model timbre train wrote");
        }
        model.sharpness = root["sharpness"].as<double>();
        model.profiles.minor_bias = root["minor_bias"].as<double>();
        model.examples = root["examples"] ? root["examples"].as<std::size_t>() : 0;
        model.profiles.major = profile_from(root["major"], file, "major");
        model.profiles.minor = profile_from(root["minor"], file, "minor");
    } catch (const YAML::Exception& error) {
        fail(file, "a value is not a number (" + error.msg + ")");
    }
    if (!(model.sharpness > 0.0) || !std::isfinite(model.profiles.minor_bias)) {
        fail(file, "'sharpness' must be above 0 and 'minor_bias' a finite number");
    }
    return model;
}

void write_key_model(const std::filesystem::path& file, const KeyModel& model, const std::optional<DataTerms>& terms) {
    YAML::Emitter out;
    out << YAML::Comment("timbre.key_classifier model, written by timbre train: major and minor key profiles "
                         "(tonic C, pitch classes C..B), the bias added to minor keys' correlations, and the "
                         "sharpness of the softmax that turns correlations into probabilities");
    out.SetDoublePrecision(6);
    out << YAML::BeginMap << YAML::Key << "examples" << YAML::Value << model.examples;
    out << YAML::Key << "sharpness" << YAML::Value << model.sharpness;
    out << YAML::Key << "minor_bias" << YAML::Value << model.profiles.minor_bias;
    out << YAML::Key << "major" << YAML::Value << YAML::Flow << std::vector(model.profiles.major.begin(), model.profiles.major.end());
    out << YAML::Key << "minor" << YAML::Value << YAML::Flow << std::vector(model.profiles.minor.begin(), model.profiles.minor.end());
    write_yaml_model(file, out, terms);
}

std::optional<DataTerms> read_key_model_terms(const std::filesystem::path& file) {
    return read_yaml_model_terms(file, "a key model");
}

}  // namespace timbre::plugins
