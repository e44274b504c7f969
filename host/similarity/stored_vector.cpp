// SPDX-License-Identifier: GPL-3.0-or-later
// simdjson's On-Demand parser walks the text once and converts the numbers as it reaches
// them; only the top-level "values" object is visited. Each thread keeps its parser and its
// padded copy of the text, so a library of tracks allocates them once.
#include "similarity/stored_vector.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <simdjson.h>

#include <cmath>
#include <optional>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

const std::shared_ptr<const std::vector<std::string>> kNoNames = std::make_shared<const std::vector<std::string>>();

const char* type_name(simdjson::ondemand::json_type type) {
    switch (type) {
    case simdjson::ondemand::json_type::string: return "text";
    case simdjson::ondemand::json_type::boolean: return "true or false";
    case simdjson::ondemand::json_type::array: return "a list";
    case simdjson::ondemand::json_type::object: return "an object";
    default: return "not a number";
    }
}

}  // namespace

Vector read_stored_vector(std::string_view json, std::shared_ptr<const std::vector<std::string>>& layout) {
    thread_local simdjson::ondemand::parser parser;
    thread_local std::string padded;
    padded.reserve(json.size() + simdjson::SIMDJSON_PADDING);
    padded.assign(json);
    if (!layout) {
        layout = kNoNames;
    }
    std::optional<std::vector<std::string>> names;  // set once the names differ from the layout's
    std::vector<double> values;
    values.reserve(layout->size());
    try {
        auto document = parser.iterate(simdjson::padded_string_view(padded.data(), padded.size(), padded.capacity()));
        simdjson::ondemand::object stored;
        const auto found = document.find_field_unordered("values").get_object().get(stored);
        if (found == simdjson::NO_SUCH_FIELD || found == simdjson::INCORRECT_TYPE) {
            throw Error("a stored vector could not be read: it holds no \"values\" object");
        }
        if (found != simdjson::SUCCESS) {
            throw simdjson::simdjson_error(found);
        }
        for (auto field : stored) {
            const std::string_view name = field.unescaped_key();
            const std::size_t at = values.size();
            if (names || at >= layout->size() || (*layout)[at] != name) {
                if (!names) {
                    names.emplace(layout->begin(), layout->begin() + static_cast<std::ptrdiff_t>(at));
                }
                names->emplace_back(name);
            }
            auto value = field.value();
            const auto type = value.type().value();
            if (type == simdjson::ondemand::json_type::number) {
                values.push_back(value.get_double());
            } else if (type == simdjson::ondemand::json_type::null) {
                values.push_back(std::nan(""));
            } else {
                throw Error("a stored vector could not be read: value " + std::to_string(at + 1) + " is " +
                            type_name(type) + ", not a number");
            }
        }
    } catch (const simdjson::simdjson_error& error) {
        throw Error(std::string("a stored vector could not be read: not JSON (") + error.what() + ")");
    }
    if (!names && values.size() != layout->size()) {
        names.emplace(layout->begin(), layout->begin() + static_cast<std::ptrdiff_t>(values.size()));
    }
    if (names) {
        layout = std::make_shared<const std::vector<std::string>>(std::move(*names));
    }
    return Vector(layout, std::move(values));
}

Vector read_stored_vector(const StoredLayouts& layouts, const SQLite::Column& json, const SQLite::Column& layout_column,
                          const SQLite::Column& data, std::shared_ptr<const std::vector<std::string>>& layout) {
    if (auto kept = layouts.vector(layout_column, data)) {
        layout = kept->shared_names();
        return std::move(*kept);
    }
    return read_stored_vector(std::string_view(static_cast<const char*>(json.getBlob()), json.getBytes()), layout);
}

}  // namespace timbre::host
