// SPDX-License-Identifier: GPL-3.0-or-later
// Floats are copied with memcpy, as vector_columns.cpp copies doubles: the store's byte order
// is little-endian, which the build requires of the machine.
#include "results/feature_columns.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "results/json_text.hpp"
#include "results/value_json.hpp"
#include "results/vector_columns.hpp"
#include "timbre/error.hpp"

namespace timbre::host {
namespace {

std::string frames_data(const Frames& frames) {
    std::string bytes(frames.data().size() * sizeof(float), '\0');
    for (std::size_t i = 0; i < frames.data().size(); ++i) {
        const float number = frames.data()[i];
        const float value = std::isfinite(number) ? number : std::numeric_limits<float>::quiet_NaN();
        std::memcpy(bytes.data() + i * sizeof(float), &value, sizeof(float));
    }
    return bytes;
}

nlohmann::ordered_json frames_header(const Frames& frames) {
    nlohmann::ordered_json json{{"type", "frames"},
                                {"hop_s", frames.hop_seconds()},
                                {"shape", {frames.frame_count(), frames.bin_count()}}};
    if (!frames.bin_names().empty()) {
        json["bins"] = frames.bin_names();
    }
    return json;
}

}  // namespace

FeatureColumns feature_columns(const Value& value) {
    if (const auto* vector = std::get_if<Vector>(&value)) {
        return {kVectorInColumnsJson, &vector->names(), vector_data(vector->values())};
    }
    if (const auto* frames = std::get_if<Frames>(&value)) {
        return {json_text(frames_header(*frames)), nullptr, frames_data(*frames)};
    }
    return {json_text(value_to_json(value)), nullptr, std::nullopt};
}

void bind_feature_columns(SQLite::Statement& statement, int first, const FeatureColumns& columns, LayoutIds& ids,
                          SQLite::Database& database) {
    statement.bind(first, columns.json);
    if (columns.layout_names) {
        statement.bind(first + 1, ids.id_of(*columns.layout_names, [&](const std::string& names_text) {
            return add_layout(database, names_text);
        }));
    } else {
        statement.bind(first + 1);
    }
    if (columns.data) {
        statement.bind(first + 2, columns.data->data(), static_cast<int>(columns.data->size()));
    } else {
        statement.bind(first + 2);
    }
}

std::optional<Frames> stored_frames(const nlohmann::ordered_json& json, std::string_view data) {
    if (json.value("type", "") != "frames" || !json.contains("shape")) {
        return std::nullopt;
    }
    try {
        const auto frame_count = json.at("shape").at(0).get<std::size_t>();
        const auto bin_count = json.at("shape").at(1).get<std::size_t>();
        if (data.size() != frame_count * bin_count * sizeof(float)) {
            throw Error(std::to_string(data.size()) + " bytes of numbers for " + std::to_string(frame_count) + " x " +
                        std::to_string(bin_count));
        }
        std::vector<float> values(frame_count * bin_count);
        if (!values.empty()) {  // an empty vector's data() may be null, which memcpy must never be given
            std::memcpy(values.data(), data.data(), data.size());
        }
        return Frames(frame_count, bin_count, json.at("hop_s").get<double>(), std::move(values),
                      json.value("bins", std::vector<std::string>{}));
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("stored frames could not be read: their header ") + error.what());
    } catch (const Error& error) {
        throw Error(std::string("stored frames could not be read: ") + error.what());
    }
}

std::optional<Value> value_of_json_numbers(const nlohmann::ordered_json& json) {
    const auto number = [](const nlohmann::ordered_json& item) {
        return item.is_number() ? item.get<double>() : std::numeric_limits<double>::quiet_NaN();
    };
    try {
        const std::string type = json.value("type", "");
        if (type == "vector" && json.contains("values")) {
            std::vector<std::string> names;
            std::vector<double> values;
            for (const auto& [name, item] : json.at("values").items()) {
                names.push_back(name);
                values.push_back(number(item));
            }
            return Vector(std::move(names), std::move(values));
        }
        if (type == "frames" && json.contains("data")) {
            const auto& rows = json.at("data");
            const std::size_t bin_count = rows.empty() ? 0 : rows.front().size();
            std::vector<float> values;
            values.reserve(rows.size() * bin_count);
            for (const auto& row : rows) {
                if (row.size() != bin_count) {
                    throw Error("its rows are not all " + std::to_string(bin_count) + " long");
                }
                for (const auto& item : row) {
                    values.push_back(static_cast<float>(number(item)));
                }
            }
            return Frames(rows.size(), bin_count, json.at("hop_s").get<double>(), std::move(values),
                          json.value("bins", std::vector<std::string>{}));
        }
        return std::nullopt;
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("a stored output could not be read from its JSON: ") + error.what());
    } catch (const Error& error) {
        throw Error(std::string("a stored output could not be read from its JSON: ") + error.what());
    }
}

}  // namespace timbre::host
