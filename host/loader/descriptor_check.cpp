// SPDX-License-Identifier: GPL-3.0-or-later
// Checks ids, unique port and parameter names, that every default lies in its own range, and
// that a similarity metric declares the signature output the host stores and compares.
#include "loader/descriptor_check.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "timbre/similarity.hpp"

namespace timbre::host {

namespace {
template <typename Spec> std::string duplicate_name(const std::vector<Spec>& specs) {
    std::set<std::string> seen;
    for (const auto& spec : specs) {
        if (!seen.insert(spec.name).second) {
            return spec.name;
        }
    }
    return "";
}
}  // namespace

std::string descriptor_problem(const Descriptor& descriptor) {
    static const std::regex id_pattern(R"([a-z0-9_]+(\.[a-z0-9_]+)+)");
    if (!std::regex_match(descriptor.id, id_pattern)) {
        return "id '" + descriptor.id + "' must be dotted lowercase words, like 'vendor.feature'";
    }
    if (descriptor.version.empty()) {
        return "version is empty";
    }
    if (descriptor.outputs.empty()) {
        return "declares no outputs";
    }
    if (descriptor.kind == Kind::similarity) {
        const PortSpec* signature = descriptor.output(kSignaturePort);
        if (!signature || signature->type != PortType::vector) {
            return std::string("is a similarity metric but declares no vector output '") + kSignaturePort + "'";
        }
    }
    if (descriptor.kind == Kind::tagger &&
        std::none_of(descriptor.outputs.begin(), descriptor.outputs.end(),
                     [](const PortSpec& port) { return port.type == PortType::vector; })) {
        return "is a tagger but declares no vector output (each tag's presence probability, named by the tag)";
    }
    if (const auto name = duplicate_name(descriptor.inputs); !name.empty()) {
        return "input '" + name + "' is declared twice";
    }
    if (const auto name = duplicate_name(descriptor.outputs); !name.empty()) {
        return "output '" + name + "' is declared twice";
    }
    if (const auto name = duplicate_name(descriptor.params); !name.empty()) {
        return "parameter '" + name + "' is declared twice";
    }
    for (const auto& param : descriptor.params) {
        if (const auto problem = param.check(param.default_value); !problem.empty()) {
            return "default of parameter '" + param.name + "' " + problem;
        }
    }
    return "";
}

}  // namespace timbre::host
