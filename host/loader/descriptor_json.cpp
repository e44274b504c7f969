// SPDX-License-Identifier: GPL-3.0-or-later
// Enum values are stored by the names the SDK's to_string gives them and read back by
// matching those names, so the two directions cannot drift apart. A parameter default
// keeps its JSON type (boolean, integer, real or string), which is its ParamValue type.
#include "loader/descriptor_json.hpp"

#include <array>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

template <typename Enum, std::size_t N>
Enum enum_named(const std::string& name, const std::array<Enum, N>& values, const char* what) {
    for (Enum value : values) {
        if (std::string(to_string(value)) == name) {
            return value;
        }
    }
    throw Error(std::string("unknown ") + what + " '" + name + "'");
}

constexpr std::array kKinds{Kind::extractor, Kind::classifier, Kind::similarity, Kind::regressor, Kind::tagger};
constexpr std::array kPortTypes{PortType::audio,  PortType::multichannel, PortType::frames, PortType::vector,
                                PortType::labels, PortType::scalar,       PortType::text};
constexpr std::array kParamTypes{ParamType::boolean, ParamType::integer, ParamType::real, ParamType::string,
                                 ParamType::path};

nlohmann::json ports_to_json(const std::vector<PortSpec>& ports) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& port : ports) {
        list.push_back({{"name", port.name},
                        {"type", std::string(to_string(port.type))},
                        {"doc", port.doc},
                        {"optional", port.optional},
                        {"nan_is_unknown", port.nan_is_unknown},
                        {"absent_if_skipped", port.absent_if_skipped}});
    }
    return list;
}

std::vector<PortSpec> ports_from_json(const nlohmann::json& list) {
    std::vector<PortSpec> ports;
    for (const auto& item : list) {
        ports.push_back({item.at("name").get<std::string>(),
                         enum_named(item.at("type").get<std::string>(), kPortTypes, "port type"),
                         item.at("doc").get<std::string>(), item.at("optional").get<bool>(),
                         item.at("nan_is_unknown").get<bool>(), item.at("absent_if_skipped").get<bool>()});
    }
    return ports;
}

nlohmann::json value_to_json(const ParamValue& value) {
    return std::visit([](const auto& held) { return nlohmann::json(held); }, value);
}

ParamValue value_from_json(const nlohmann::json& json) {
    if (json.is_boolean()) {
        return json.get<bool>();
    }
    if (json.is_number_integer()) {
        return json.get<std::int64_t>();
    }
    if (json.is_number_float()) {
        return json.get<double>();
    }
    if (json.is_string()) {
        return json.get<std::string>();
    }
    throw Error("a parameter default must be a boolean, number or string");
}

}  // namespace

nlohmann::json descriptor_to_json(const Descriptor& descriptor) {
    nlohmann::json params = nlohmann::json::array();
    for (const auto& param : descriptor.params) {
        nlohmann::json json{{"name", param.name},       {"type", to_string(param.type)},
                            {"default", value_to_json(param.default_value)},
                            {"choices", param.choices}, {"unit", param.unit},
                            {"doc", param.doc}};
        if (param.min) {
            json["min"] = *param.min;
        }
        if (param.max) {
            json["max"] = *param.max;
        }
        params.push_back(std::move(json));
    }
    return {{"id", descriptor.id},
            {"version", descriptor.version},
            {"kind", to_string(descriptor.kind)},
            {"description", descriptor.description},
            {"inputs", ports_to_json(descriptor.inputs)},
            {"outputs", ports_to_json(descriptor.outputs)},
            {"params", std::move(params)}};
}

Descriptor descriptor_from_json(const nlohmann::json& json) {
    try {
        Descriptor descriptor;
        descriptor.id = json.at("id").get<std::string>();
        descriptor.version = json.at("version").get<std::string>();
        descriptor.kind = enum_named(json.at("kind").get<std::string>(), kKinds, "plugin kind");
        descriptor.description = json.at("description").get<std::string>();
        descriptor.inputs = ports_from_json(json.at("inputs"));
        descriptor.outputs = ports_from_json(json.at("outputs"));
        for (const auto& item : json.at("params")) {
            ParamSpec param;
            param.name = item.at("name").get<std::string>();
            param.type = enum_named(item.at("type").get<std::string>(), kParamTypes, "parameter type");
            param.default_value = value_from_json(item.at("default"));
            if (item.contains("min")) {
                param.min = item.at("min").get<double>();
            }
            if (item.contains("max")) {
                param.max = item.at("max").get<double>();
            }
            param.choices = item.at("choices").get<std::vector<std::string>>();
            param.unit = item.at("unit").get<std::string>();
            param.doc = item.at("doc").get<std::string>();
            descriptor.params.push_back(std::move(param));
        }
        return descriptor;
    } catch (const nlohmann::json::exception& error) {
        throw Error(std::string("malformed plugin descriptor: ") + error.what());
    }
}

nlohmann::json shown_descriptor_json(const Descriptor& descriptor) {
    auto ports = [](const std::vector<PortSpec>& specs) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& spec : specs) {
            list.push_back({{"name", spec.name}, {"type", std::string(to_string(spec.type))}, {"doc", spec.doc}});
        }
        return list;
    };
    nlohmann::json params = nlohmann::json::array();
    for (const auto& param : descriptor.params) {
        nlohmann::json json{{"name", param.name}, {"type", to_string(param.type)}, {"default", to_string(param.default_value)},
                            {"range", param.range_text()},  {"unit", param.unit},           {"doc", param.doc}};
        params.push_back(std::move(json));
    }
    return {{"id", descriptor.id},         {"version", descriptor.version}, {"kind", to_string(descriptor.kind)},
            {"description", descriptor.description}, {"inputs", ports(descriptor.inputs)},
            {"outputs", ports(descriptor.outputs)},   {"params", std::move(params)}};
}

}  // namespace timbre::host
