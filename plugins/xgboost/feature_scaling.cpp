// SPDX-License-Identifier: GPL-3.0-or-later
// Deviation 0 (a constant feature) is stored as 1, so the feature becomes 0 rather than NaN.
#include "feature_scaling.hpp"

#include <cmath>
#include <map>

#include "model_attributes.hpp"

namespace timbre::plugins {

FeatureScaling FeatureScaling::fit(const std::vector<const Vector*>& vectors) {
    if (vectors.empty()) {
        throw Error("no training examples");
    }
    FeatureScaling scaling;
    scaling.names_ = vectors.front()->names();
    const std::size_t columns = scaling.names_.size();
    const auto count = static_cast<double>(vectors.size());
    scaling.mean_.assign(columns, 0.0);
    scaling.scale_.assign(columns, 0.0);
    for (const Vector* vector : vectors) {
        if (vector->names() != scaling.names_) {
            throw Error("examples carry different feature names");
        }
        for (std::size_t f = 0; f < columns; ++f) {
            scaling.mean_[f] += vector->values()[f] / count;
        }
    }
    for (const Vector* vector : vectors) {
        for (std::size_t f = 0; f < columns; ++f) {
            const double d = vector->values()[f] - scaling.mean_[f];
            scaling.scale_[f] += d * d / count;
        }
    }
    for (double& s : scaling.scale_) {
        s = s > 0.0 ? std::sqrt(s) : 1.0;
    }
    return scaling;
}

FeatureScaling FeatureScaling::from(const Booster& model, const std::string& file) {
    FeatureScaling scaling;
    scaling.names_ = split_lines(model.attribute("timbre_features"));
    scaling.mean_ = parse_numbers(model.attribute("timbre_feature_mean"));
    scaling.scale_ = parse_numbers(model.attribute("timbre_feature_scale"));
    if (scaling.mean_.size() != scaling.names_.size() || scaling.scale_.size() != scaling.names_.size()) {
        throw ParameterError("model", file + " has inconsistent feature attributes (" +
                                          std::to_string(scaling.names_.size()) + " features, " +
                                          std::to_string(scaling.mean_.size()) + " means, " +
                                          std::to_string(scaling.scale_.size()) + " scales)");
    }
    return scaling;
}

void FeatureScaling::store(Booster& model) const {
    model.set_attribute("timbre_features", join_lines(names_));
    model.set_attribute("timbre_feature_mean", numbers_text(mean_));
    model.set_attribute("timbre_feature_scale", numbers_text(scale_));
}

DenseRows FeatureScaling::rows(const std::vector<const Vector*>& vectors) const {
    const std::size_t columns = names_.size();
    DenseRows rows{std::vector<float>(vectors.size() * columns), vectors.size(), columns};
    for (std::size_t r = 0; r < vectors.size(); ++r) {
        std::map<std::string, double> by_name;
        for (std::size_t i = 0; i < vectors[r]->size(); ++i) {
            by_name[vectors[r]->names()[i]] = vectors[r]->values()[i];
        }
        for (std::size_t f = 0; f < columns; ++f) {
            const auto it = by_name.find(names_[f]);
            if (it == by_name.end()) {
                throw InputError("feature '" + names_[f] + "' that the model was trained on is missing from the input");
            }
            rows.values[r * columns + f] = static_cast<float>((it->second - mean_[f]) / scale_[f]);
        }
    }
    return rows;
}

}  // namespace timbre::plugins
