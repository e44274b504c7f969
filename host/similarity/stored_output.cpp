// SPDX-License-Identifier: GPL-3.0-or-later
// simdjson's DOM parser, one per thread: the outputs are small, and the parser keeps its
// buffers from one to the next. Fields of a type the output does not have are left empty,
// as the library asks only for what each type holds.
#include "similarity/stored_output.hpp"

#include <simdjson.h>

#include <cmath>
#include <limits>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double number_or_nan(simdjson::dom::element element) {
    double number = 0.0;
    return element.get(number) == simdjson::SUCCESS ? number : kNaN;
}

void read_entries(simdjson::simdjson_result<simdjson::dom::element> object,
                  std::vector<std::pair<std::string, double>>& entries) {
    simdjson::dom::object fields;
    if (object.get(fields) != simdjson::SUCCESS) {
        return;
    }
    entries.reserve(fields.size());
    for (const auto field : fields) {
        entries.emplace_back(std::string(field.key), number_or_nan(field.value));
    }
}

}  // namespace

double StoredOutput::entry(std::string_view name) const {
    for (const auto& [entry_name, number] : entries) {
        if (entry_name == name) {
            return number;
        }
    }
    return kNaN;
}

StoredOutput read_stored_output(std::string_view json) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::object document;
    if (const auto error = parser.parse(json.data(), json.size()).get(document)) {
        throw Error(std::string("a stored output could not be read: not a JSON object (") +
                    simdjson::error_message(error) + ")");
    }
    StoredOutput output;
    std::string_view text;
    if (document["type"].get(text) == simdjson::SUCCESS) {
        output.type = text;
    }
    if (output.type == "labels") {
        if (document["top"].get(text) == simdjson::SUCCESS) {
            output.top = text;
        }
        read_entries(document["probabilities"], output.entries);
    } else if (output.type == "vector") {
        read_entries(document["values"], output.entries);
    } else if (output.type == "scalar") {
        simdjson::dom::element value;
        output.value = document["value"].get(value) == simdjson::SUCCESS ? number_or_nan(value) : kNaN;
    } else if (output.type == "text" && document["text"].get(text) == simdjson::SUCCESS) {
        output.text = text;
    }
    return output;
}

StoredOutput stored_output_of(const Vector& vector) {
    StoredOutput output;
    output.type = "vector";
    output.entries.reserve(vector.size());
    for (std::size_t i = 0; i < vector.size(); ++i) {
        output.entries.emplace_back(vector.names()[i], vector.values()[i]);
    }
    return output;
}

}  // namespace timbre::host
