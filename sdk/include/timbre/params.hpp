// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter declarations (what a plugin accepts) and values (what a config gave it).
// The host validates values against the declarations, with ranges, before configure() is
// called, so a plugin reads its parameters with the type it declared and never parses text.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace timbre {

// `path` is a string the host resolves against the config file's folder before configure(),
// and whose file content is part of the pipeline fingerprint (a retrained model is a new pipeline).
enum class ParamType { boolean, integer, real, string, path };

std::string to_string(ParamType type);

using ParamValue = std::variant<bool, std::int64_t, double, std::string>;

std::string to_string(const ParamValue& value);

// One parameter: its name, type, default, optional closed range [min, max] (numbers) or
// list of choices (strings), the unit of the value and a one-line doc.
struct ParamSpec {
    std::string name;
    ParamType type = ParamType::real;
    ParamValue default_value = 0.0;
    std::optional<double> min;
    std::optional<double> max;
    std::vector<std::string> choices;
    std::string unit;
    std::string doc;

    // Empty when value fits this spec, otherwise why not ("must be in [1, 512]").
    std::string check(const ParamValue& value) const;
    std::string range_text() const;
};

// The values a plugin instance is configured with: every declared parameter is present
// (defaults filled in by the host). Reading an undeclared name or the wrong type throws
// ParameterError naming the parameter.
class Params {
public:
    Params() = default;
    explicit Params(std::map<std::string, ParamValue> values);

    bool boolean(const std::string& name) const;
    std::int64_t integer(const std::string& name) const;
    double real(const std::string& name) const;
    const std::string& string(const std::string& name) const;
    const std::map<std::string, ParamValue>& values() const { return values_; }

private:
    const ParamValue& find(const std::string& name) const;
    std::map<std::string, ParamValue> values_;
};

}  // namespace timbre
