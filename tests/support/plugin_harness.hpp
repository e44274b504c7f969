// SPDX-License-Identifier: GPL-3.0-or-later
// Runs one built-in plugin, loaded from the built-in folder exactly as the host loads it,
// on hand-made inputs: parameters not given take their declared defaults.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "support/builtin_registry.hpp"

namespace timbre::test {

class BuiltinPlugin {
public:
    BuiltinPlugin(const std::string& id, const std::map<std::string, ParamValue>& params = {}) {
        const host::RegisteredPlugin* plugin = builtin_registry().find(id);
        if (!plugin) {
            throw Error("built-in plugin not found: " + id);
        }
        std::map<std::string, ParamValue> values;
        for (const auto& spec : plugin->entry.descriptor.params) {
            values[spec.name] = spec.default_value;
        }
        for (const auto& [name, value] : params) {
            values[name] = value;
        }
        instance_.emplace(builtin_registry().instantiate(*plugin));
        (*instance_)->configure(Params(values));
    }

    Outputs run(const std::string& port, Value value) {
        Outputs inputs;
        inputs.put(port, std::move(value));
        return (*instance_)->process(Inputs(inputs.values()));
    }

    Outputs run(const std::map<std::string, Value>& values) {
        Outputs inputs;
        for (const auto& [port, value] : values) {
            inputs.put(port, value);
        }
        return (*instance_)->process(Inputs(inputs.values()));
    }

    // The instance seen through an optional capability (SimilarityMetric, Trainable).
    template <typename Capability> Capability& as() {
        auto* capability = dynamic_cast<Capability*>(&**instance_);
        if (!capability) {
            throw Error("the plugin does not implement the capability asked for");
        }
        return *capability;
    }

    template <typename T> static const T& get(const Outputs& outputs, const std::string& port) {
        return std::get<T>(*outputs.values().at(port));
    }

private:
    std::optional<host::PluginInstance> instance_;
};

}  // namespace timbre::test
