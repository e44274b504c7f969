// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin descriptor as JSON and back, losslessly: what the plugin manifest keeps so that the
// host can validate configs and list plugins without loading the libraries that declare them.
#pragma once

#include <nlohmann/json.hpp>

#include "timbre/descriptor.hpp"

namespace timbre::host {

nlohmann::json descriptor_to_json(const Descriptor& descriptor);

// Throws timbre::Error naming what is missing or of the wrong type.
Descriptor descriptor_from_json(const nlohmann::json& json);

// The descriptor as users read it (`timbre plugins describe --json`, the Python module's
// describe()): types by name, defaults and ranges as text.
nlohmann::json shown_descriptor_json(const Descriptor& descriptor);

}  // namespace timbre::host
