// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter checking and typed access, shared by the config validator and by plugins.
#include "timbre/params.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre {

std::string to_string(ParamType type) {
    switch (type) {
    case ParamType::boolean: return "boolean";
    case ParamType::integer: return "integer";
    case ParamType::real: return "real";
    case ParamType::string: return "string";
    case ParamType::path: return "path";
    }
    return "unknown";
}

std::string to_string(const ParamValue& value) {
    struct Printer {
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            std::ostringstream out;
            out << d;
            return out.str();
        }
        std::string operator()(const std::string& s) const { return "\"" + s + "\""; }
    };
    return std::visit(Printer{}, value);
}

namespace {

std::optional<double> as_number(const ParamValue& value) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    return std::nullopt;
}

}  // namespace

std::string ParamSpec::range_text() const {
    if (!choices.empty()) {
        std::string text = "one of {";
        for (std::size_t i = 0; i < choices.size(); ++i) {
            text += (i ? ", " : "") + choices[i];
        }
        return text + "}";
    }
    if (!min && !max) {
        return "";
    }
    return "[" + (min ? number_text(*min) : std::string("-inf")) + ", " + (max ? number_text(*max) : std::string("inf")) +
           "]";
}

std::string ParamSpec::check(const ParamValue& value) const {
    switch (type) {
    case ParamType::boolean:
        return std::holds_alternative<bool>(value) ? "" : "expects a boolean (true/false)";
    case ParamType::path:
    case ParamType::string: {
        const auto* text = std::get_if<std::string>(&value);
        if (!text) {
            return "expects a string";
        }
        if (!choices.empty() && std::find(choices.begin(), choices.end(), *text) == choices.end()) {
            return "must be " + range_text() + ", got \"" + *text + "\"";
        }
        return "";
    }
    case ParamType::integer:
        if (!std::holds_alternative<std::int64_t>(value)) {
            return "expects an integer";
        }
        break;
    case ParamType::real:
        if (!as_number(value)) {
            return "expects a number";
        }
        break;
    }
    const double number = *as_number(value);
    if (!std::isfinite(number) || (min && number < *min) || (max && number > *max)) {
        return "must be in " + range_text() + ", got " + number_text(number);
    }
    return "";
}

Params::Params(std::map<std::string, ParamValue> values) : values_(std::move(values)) {}

const ParamValue& Params::find(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) {
        throw ParameterError(name, "not declared by this plugin");
    }
    return it->second;
}

bool Params::boolean(const std::string& name) const {
    if (const auto* b = std::get_if<bool>(&find(name))) {
        return *b;
    }
    throw ParameterError(name, "is not a boolean");
}

std::int64_t Params::integer(const std::string& name) const {
    if (const auto* i = std::get_if<std::int64_t>(&find(name))) {
        return *i;
    }
    throw ParameterError(name, "is not an integer");
}

double Params::real(const std::string& name) const {
    if (const auto number = as_number(find(name))) {
        return *number;
    }
    throw ParameterError(name, "is not a number");
}

const std::string& Params::string(const std::string& name) const {
    if (const auto* s = std::get_if<std::string>(&find(name))) {
        return *s;
    }
    throw ParameterError(name, "is not a string");
}

}  // namespace timbre
