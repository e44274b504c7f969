// SPDX-License-Identifier: GPL-3.0-or-later
// A vector output as the store keeps it ({"type": "vector", "values": {name: number or null,
// ...}}), read back in one pass: every command that opens a library reads thousands of
// numbers per track this way. Parsed into a JSON document first, a signature's object of
// 868 names cost a search of every earlier name per name (nlohmann's ordered map) and
// `timbre tracks` took 16 s on 14,420 tracks; read here, 2.5 s (docs/benchmarks.md).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "results/vector_columns.hpp"
#include "timbre/values.hpp"

namespace timbre::host {

// The vector stored as `json`, in its stored order; null reads as NaN. Its names are
// `layout`'s when they are the same, and `layout` is made to hold them when they are not, so
// a library's tracks share one copy. Throws Error on text that is not a stored vector.
Vector read_stored_vector(std::string_view json, std::shared_ptr<const std::vector<std::string>>& layout);

// A vector's row of the store, whichever way it was written: as numbers in `layout_column` and
// `data` (schema 5, results/vector_columns.hpp), else as `json`; `layout` as above.
Vector read_stored_vector(const StoredLayouts& layouts, const SQLite::Column& json, const SQLite::Column& layout_column,
                          const SQLite::Column& data, std::shared_ptr<const std::vector<std::string>>& layout);

}  // namespace timbre::host
