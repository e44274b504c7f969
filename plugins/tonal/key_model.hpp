// SPDX-License-Identifier: GPL-3.0-or-later
// Key profiles learned from recordings with annotated keys, the way Temperley counted his
// from a textbook's excerpts: each track's mean chroma, scaled to a maximum of 1 and turned
// so that its annotated tonic is C, averaged over the major and over the minor tracks. What
// the counting cannot learn, how readily annotators hear minor where the profiles are
// undecided, is one bias added to every minor key's correlation, chosen to maximise the
// MIREX weighted score on the same tracks. Kept in a small YAML file with the data's terms.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include "key_profiles.hpp"
#include "timbre/data_terms.hpp"

namespace timbre::plugins {

struct AnnotatedChroma {
    std::array<double, 12> chroma{};  // a track's mean chroma, any scale
    int key = 0;                      // index into KeyEstimate::scores
};

struct KeyModel {
    KeyProfiles profiles;
    // Probabilities are softmax(sharpness * score) over the 24 keys; fitted so that the
    // training tracks' top keys are right about as often as their probabilities say.
    double sharpness = 1.0;
    std::size_t examples = 0;
};

// Throws timbre::Error when the examples hold no major or no minor key.
KeyModel fit_key_model(const std::vector<AnnotatedChroma>& examples);

// The 24 keys' probabilities for one estimate, in KeyEstimate::scores order.
std::array<double, 24> key_probabilities(const KeyEstimate& estimate, double sharpness);

// Throws timbre::ParameterError ("model") naming the file and what is wrong with it.
KeyModel read_key_model(const std::filesystem::path& file);
void write_key_model(const std::filesystem::path& file, const KeyModel& model, const std::optional<DataTerms>& terms);
std::optional<DataTerms> read_key_model_terms(const std::filesystem::path& file);

}  // namespace timbre::plugins
