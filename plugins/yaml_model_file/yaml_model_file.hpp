// SPDX-License-Identifier: GPL-3.0-or-later
// Small trained models kept as YAML files (an answer's calibration, learned key profiles):
// each ends with the terms of the data it learned from, written and read back the same way
// by every plugin that keeps one.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>

#include "timbre/data_terms.hpp"

namespace timbre::plugins {

// Adds `terms` (when given) to the map `out` holds open, closes it and writes it to `file`.
// Throws timbre::Error when the file cannot be written.
void write_yaml_model(const std::filesystem::path& file, YAML::Emitter& out, const std::optional<DataTerms>& terms);

// The terms kept in `file`, or nullopt when it keeps none. Throws timbre::Error naming the
// file, and saying it is not `kind` (e.g. "a key model") when it is not YAML.
std::optional<DataTerms> read_yaml_model_terms(const std::filesystem::path& file, const std::string& kind);

}  // namespace timbre::plugins
