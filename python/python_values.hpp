// SPDX-License-Identifier: GPL-3.0-or-later
// Port values as Python objects, one shape for values just computed and values read back
// from a store: audio and frames as NumPy arrays, vectors and labels as dicts, scalars as
// floats (None where not measured), text as str.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include "timbre/plugin.hpp"

namespace timbre::python {

// Audio, multichannel audio and frames share the value's memory, read-only, without a copy:
// the array keeps the value alive. Vectors, labels and text are copied into Python objects.
pybind11::object value_object(const SharedValue& value);

// The same shapes from a value's JSON form (the store's `features.json`) for labels, scalars
// and text; vectors and frames are read as values first (results/feature_columns.hpp).
pybind11::object stored_value_object(const nlohmann::ordered_json& json);

// Any JSON as plain Python: objects as dicts, arrays as lists, null as None.
pybind11::object json_object(const nlohmann::json& json);

// A file name, or text made from one, as Python's os module decodes names: a byte that is not
// UTF-8 (a Latin-1 name from an old disk) becomes a lone surrogate, and os.fsencode gives the
// name's own bytes back, where pybind11's str would raise UnicodeDecodeError.
pybind11::str file_name_object(const std::string& name);

}  // namespace timbre::python
