// SPDX-License-Identifier: GPL-3.0-or-later
// One string attribute of a saved XGBoost model, read without loading its trees. A model's
// data terms are read before every analysis that uses it, and loading the booster for them
// (every tree parsed and built, then thrown away) took a third of the time the web service
// spends comparing a file with the library. The file is read as the SAX events of its JSON
// or UBJSON text (nlohmann-json), the learner's attributes kept and the rest passed over.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace timbre::plugins {

// Whether XGBoost saves a model named `file` as JSON or UBJSON (`.json`, `.ubj`), which
// saved_booster_attribute reads; under any other name it writes its older binary format.
bool saved_as_json(const std::filesystem::path& file);

// The attribute `name` of the model XGBoost saved in `file` (saved_as_json), nullopt when it
// has none. Throws timbre::Error naming the file when it cannot be read or does not parse.
std::optional<std::string> saved_booster_attribute(const std::filesystem::path& file, const std::string& name);

}  // namespace timbre::plugins
