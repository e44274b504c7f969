// SPDX-License-Identifier: GPL-3.0-or-later
// What a stored output puts in each column of the store's features table. `json` always; for
// the outputs whose numbers are most of a track's bytes, the numbers go to `data` instead:
// a vector's as doubles, its names once per store (vector_columns.hpp), and frames (beat
// times, frame-wise features) as the floats the extractor computed, little-endian, NaN where
// one is missing, their shape, hop and bin names in `json`
// ({"type":"frames","hop_s":0.6,"shape":[412,1]}). As JSON rows written to seventeen digits a
// track's beat times took 6.5 KB, a seventh of its bytes. Rows written before schema 6 keep
// their frames in the JSON ("data": [[...], ...]); readers take both.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "results/vector_columns.hpp"
#include "timbre/values.hpp"

namespace SQLite {
class Statement;
}  // namespace SQLite

namespace timbre::host {

struct FeatureColumns {
    std::string json;
    const std::vector<std::string>* layout_names = nullptr;  // a vector's: the store gives them a layout id
    std::optional<std::string> data;
};

// The columns of `value`; `layout_names` points into it.
FeatureColumns feature_columns(const Value& value);

// Binds `columns` to parameters `first`, `first` + 1 and `first` + 2 (json, layout, data) of
// an INSERT into a SQLite store's features, the layout id from `ids`, added to `database`'s
// vector_layouts the first time.
void bind_feature_columns(SQLite::Statement& statement, int first, const FeatureColumns& columns, LayoutIds& ids,
                          SQLite::Database& database);

// The frames a row keeps in its `data` column: nothing when `json` is not a frames header
// (another output, or frames written before schema 6, whose numbers are in the JSON). Throws
// timbre::Error when the bytes do not fit the header's shape.
std::optional<Frames> stored_frames(const nlohmann::ordered_json& json, std::string_view data);

// The vector or frames an older store kept as JSON numbers ({"type":"vector","values":{...}},
// {"type":"frames","hop_s":0.6,"data":[[...], ...]}, null for a missing number), to be
// written the current way; nothing for any other output, or for a row already kept in
// columns. Throws timbre::Error for JSON that is not such a value.
std::optional<Value> value_of_json_numbers(const nlohmann::ordered_json& json);

}  // namespace timbre::host
