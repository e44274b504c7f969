// SPDX-License-Identifier: GPL-3.0-or-later
// How the store keeps a vector output: its numbers in `features.data`, little-endian IEEE
// doubles (NaN where a number is missing), and its names once per distinct list in
// `vector_layouts` (a JSON array), which `features.layout` names. As JSON text with every
// name beside its number, names were a third of a track's bytes and repeated on every track.
// Rows written before schema 5 keep their JSON ({"type": "vector", "values": {...}}); readers
// take both.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "timbre/values.hpp"

namespace SQLite {
class Column;
class Database;
}  // namespace SQLite

namespace timbre::host {

// What `features.json` holds for a vector kept in `data`.
inline constexpr const char* kVectorInColumnsJson = R"({"type":"vector"})";

// The `data` bytes of these values, and back; the latter throws timbre::Error unless the bytes
// are exactly `count` doubles.
std::string vector_data(const std::vector<double>& values);
std::vector<double> vector_values(std::string_view data, std::size_t count);

// The `vector_layouts.names` text of a list of names (a JSON array), and back; the latter
// throws timbre::Error unless the text is a JSON array of strings.
std::string layout_names_text(const std::vector<std::string>& names);
std::vector<std::string> layout_names(std::string_view text);

// A store's layouts, read once: the vectors read through it share their names.
class StoredLayouts {
public:
    // Reads `vector_layouts`; a store older than schema 5 has none.
    explicit StoredLayouts(SQLite::Database& database);
    // The vector of a row's `layout` and `data` columns; nothing when either is NULL (the row
    // keeps its vector as JSON, or is not a vector). Throws timbre::Error for an unknown
    // layout or bytes that do not fit it.
    std::optional<Vector> vector(const SQLite::Column& layout, const SQLite::Column& data) const;
    // What a SELECT lists for those two columns of the features table called `table` in it:
    // "f.layout, f.data", or "NULL, NULL" in a store older than schema 5 (opened read-only,
    // so never brought up to date).
    std::string columns(std::string_view table) const;

private:
    bool has_columns_ = false;
    std::map<std::int64_t, std::shared_ptr<const std::vector<std::string>>> names_;
};

// The id of a list of names (its layout_names_text) in a SQLite store's vector_layouts, added
// if it is not there.
std::int64_t add_layout(SQLite::Database& database, const std::string& names_text);

// The writer's side: the id of a list of names in the store's vector_layouts, remembered by
// the names themselves, so that a track's vectors cost a lookup and their names are written
// out as text only the first time. `add` puts that text (layout_names_text) into the store's
// vector_layouts if it is not there, and returns its id. Ids added inside a transaction that is
// rolled back are gone: call forget().
class LayoutIds {
public:
    using Add = std::function<std::int64_t(const std::string& names_text)>;
    std::int64_t id_of(const std::vector<std::string>& names, const Add& add);
    void forget() { ids_.clear(); }

private:
    std::map<std::vector<std::string>, std::int64_t> ids_;
};

}  // namespace timbre::host
