// SPDX-License-Identifier: GPL-3.0-or-later
// The bytes are copied with memcpy: the store's byte order is little-endian, which the build
// requires of the machine rather than swapping on every number.
#include "results/vector_columns.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

static_assert(std::endian::native == std::endian::little,
              "the store keeps vectors as little-endian doubles; a big-endian build must swap them");

std::string vector_data(const std::vector<double>& values) {
    std::string bytes(values.size() * sizeof(double), '\0');
    for (std::size_t i = 0; i < values.size(); ++i) {
        const double value = std::isfinite(values[i]) ? values[i] : std::numeric_limits<double>::quiet_NaN();
        std::memcpy(bytes.data() + i * sizeof(double), &value, sizeof(double));
    }
    return bytes;
}

std::vector<double> vector_values(std::string_view data, std::size_t count) {
    if (data.size() != count * sizeof(double)) {
        throw Error("a stored vector could not be read: " + std::to_string(data.size()) + " bytes of numbers for " +
                    std::to_string(count) + " names");
    }
    std::vector<double> values(count);
    if (!values.empty()) {  // an empty vector's data() may be null, which memcpy must never be given
        std::memcpy(values.data(), data.data(), data.size());
    }
    return values;
}

std::string layout_names_text(const std::vector<std::string>& names) { return json_text(nlohmann::json(names)); }

std::vector<std::string> layout_names(std::string_view text) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_array() || !std::all_of(json.begin(), json.end(), [](const auto& name) { return name.is_string(); })) {
        throw Error("a stored vector layout could not be read: not a JSON list of names");
    }
    return json.get<std::vector<std::string>>();
}

StoredLayouts::StoredLayouts(SQLite::Database& database) {
    if (!database.tableExists("vector_layouts")) {
        return;
    }
    has_columns_ = true;
    SQLite::Statement layouts(database, "SELECT id, names FROM vector_layouts");
    while (layouts.executeStep()) {
        auto names = std::make_shared<const std::vector<std::string>>(layout_names(layouts.getColumn(1).getString()));
        names_.emplace(layouts.getColumn(0).getInt64(), std::move(names));
    }
}

std::optional<Vector> StoredLayouts::vector(const SQLite::Column& layout, const SQLite::Column& data) const {
    if (data.isNull() || layout.isNull()) {
        return std::nullopt;
    }
    const auto names = names_.find(layout.getInt64());
    if (names == names_.end()) {
        throw Error("a stored vector could not be read: its layout " + layout.getString() +
                    " is not in the store's vector_layouts");
    }
    return Vector(names->second,
                  vector_values(std::string_view(static_cast<const char*>(data.getBlob()),
                                                 static_cast<std::size_t>(data.getBytes())),
                                names->second->size()));
}

std::string StoredLayouts::columns(std::string_view table) const {
    if (!has_columns_) {
        return "NULL, NULL";
    }
    const std::string prefix = table.empty() ? std::string() : std::string(table) + ".";
    return prefix + "layout, " + prefix + "data";
}

std::int64_t add_layout(SQLite::Database& database, const std::string& names_text) {
    SQLite::Statement insert(database, "INSERT INTO vector_layouts (names) VALUES (?) ON CONFLICT (names) DO NOTHING");
    insert.bind(1, names_text);
    insert.exec();
    SQLite::Statement query(database, "SELECT id FROM vector_layouts WHERE names = ?");
    query.bind(1, names_text);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::int64_t LayoutIds::id_of(const std::vector<std::string>& names, const Add& add) {
    if (const auto known = ids_.find(names); known != ids_.end()) {
        return known->second;
    }
    const std::int64_t id = add(layout_names_text(names));
    ids_.emplace(names, id);
    return id;
}

}  // namespace timbre::host
