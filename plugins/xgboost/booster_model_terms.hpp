// SPDX-License-Identifier: GPL-3.0-or-later
// The data terms of an XGBoost model file, shared by the three XGBoost plugins: kept as one
// more string attribute of the booster, so the model file stays one file XGBoost can read.
#pragma once

#include "timbre/data_terms.hpp"

namespace timbre::plugins {

class BoosterModelTerms : public virtual ModelFileTerms {
public:
    std::optional<DataTerms> read_terms(const std::filesystem::path& model_file) const override;
    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override;
};

}  // namespace timbre::plugins
