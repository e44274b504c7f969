// SPDX-License-Identifier: GPL-3.0-or-later
// The named, standardised feature rows the dense XGBoost models (classifier, regressor, tagger)
// learn from: features are matched by name, so a vector wired with its columns in another
// order still works, and standardised with the training set's mean and deviation, which
// travel inside the model file as attributes.
#pragma once

#include <string>
#include <vector>

#include "booster.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

class FeatureScaling {
public:
    // Mean and deviation of every feature over `vectors`, which must all carry the same names.
    static FeatureScaling fit(const std::vector<const Vector*>& vectors);
    // What `store` wrote into a model; throws ParameterError naming `file` if inconsistent.
    static FeatureScaling from(const Booster& model, const std::string& file);
    void store(Booster& model) const;

    // One standardised row per vector, by name; throws InputError naming a missing feature.
    DenseRows rows(const std::vector<const Vector*>& vectors) const;

private:
    std::vector<std::string> names_;
    std::vector<double> mean_;
    std::vector<double> scale_;
};

}  // namespace timbre::plugins
