// SPDX-License-Identifier: GPL-3.0-or-later
// A vector output as the store keeps it ({"type": "vector", "values": {name: number or null,
// ...}}), read back in one pass. Parsed into a JSON document first, a signature's object of
// 868 names cost a search of every earlier name per name (nlohmann's ordered map), which made
// opening a store of 850 tracks take 3.6 s; read here, names and numbers go straight into the
// vector, its names shared with the tracks before it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::host {

// The vector stored as `json`, in its stored order; null reads as NaN. Its names are
// `layout`'s when they are the same, and `layout` is made to hold them when they are not, so
// a library's tracks share one copy. Throws Error on text that is not a stored vector.
Vector read_stored_vector(std::string_view json, std::shared_ptr<const std::vector<std::string>>& layout);

}  // namespace timbre::host
