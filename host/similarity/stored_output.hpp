// SPDX-License-Identifier: GPL-3.0-or-later
// The small outputs a library reads for every track besides its signatures (each labels
// output, the tempo and descriptor vectors, the key's text, the loudness), read with simdjson:
// a library of 14,420 tracks has about 200,000 of them, and parsed into JSON documents they
// were half of what `timbre tracks` took (docs/benchmarks.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::host {

// One stored output: its type and, by type, what it holds.
struct StoredOutput {
    std::string type;                                     // "labels", "vector", "scalar", "text", ...
    std::string top;                                      // labels: the top class
    std::vector<std::pair<std::string, double>> entries;  // labels: probabilities; vector: values (null: NaN)
    double value = 0.0;                                   // scalar (null: NaN)
    std::string text;                                     // text

    // The entry called `name`, NaN where there is none (or it is not a number).
    double entry(std::string_view name) const;
};

// Throws Error on text that is not a stored output.
StoredOutput read_stored_output(std::string_view json);
// A vector kept in the store's columns (results/vector_columns.hpp) as the JSON's reader
// would give it.
StoredOutput stored_output_of(const Vector& vector);

}  // namespace timbre::host
