// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.join: concatenates up to twelve named vectors (and scalars, and class probabilities)
// into one, so a classifier can take every per-track summary at once, or, for stacking, the
// probabilities other models gave. Names must not collide: a repeated name is an error naming
// it, never a silent overwrite; `prefix` names each vector's values after its port (v1.e000,
// v2.e000) so that two embeddings with the same names can be joined.
#include <set>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

namespace {

constexpr int kVectorInputs = 12;
constexpr int kScalarInputs = 4;
constexpr int kLabelsInputs = 4;

Descriptor join_descriptor() {
    Descriptor descriptor{"timbre.join", "1.2.0", Kind::extractor,
                          "Concatenate named vectors, scalars and class probabilities into one vector (inputs are optional)",
                          {},
                          {{"vector", PortType::vector,
                            "every input's values, in input order, names kept; null where an input was not measured",
                            false, true}},
                          {{"prefix", ParamType::boolean, false, {}, {}, {}, "",
                            "name each vector input's values 'vN.name' (two embeddings share their names)"}}};
    for (int i = 1; i <= kVectorInputs; ++i) {
        descriptor.inputs.push_back({"v" + std::to_string(i), PortType::vector, "a vector to append", true});
    }
    for (int i = 1; i <= kScalarInputs; ++i) {
        descriptor.inputs.push_back(
            {"s" + std::to_string(i), PortType::scalar, "a scalar to append, named after its source port", true});
    }
    for (int i = 1; i <= kLabelsInputs; ++i) {
        descriptor.inputs.push_back({"l" + std::to_string(i), PortType::labels,
                                     "class probabilities to append, each named 'lN.class'", true});
    }
    return descriptor;
}

class Join : public Plugin {
public:
    void configure(const Params& params) override { prefix_ = params.boolean("prefix"); }

    Outputs process(const Inputs& inputs) override {
        std::vector<std::string> names;
        std::vector<double> values;
        std::set<std::string> seen;
        auto add = [&](const std::string& name, double value) {
            if (!seen.insert(name).second) {
                throw InputError("two inputs both carry '" + name + "'" +
                                 (prefix_ ? "" : " (with params: {prefix: true} each vector's values are named 'vN.name')"));
            }
            names.push_back(name);
            values.push_back(value);
        };
        for (int i = 1; i <= kVectorInputs; ++i) {
            const std::string port = "v" + std::to_string(i);
            if (inputs.has(port)) {
                const Vector& vector = inputs.get<Vector>(port);
                for (std::size_t k = 0; k < vector.size(); ++k) {
                    add(prefix_ ? port + "." + vector.names()[k] : vector.names()[k], vector.values()[k]);
                }
            }
        }
        for (int i = 1; i <= kScalarInputs; ++i) {
            const std::string port = "s" + std::to_string(i);
            if (inputs.has(port)) {
                add(port, inputs.get<Scalar>(port).value);
            }
        }
        for (int i = 1; i <= kLabelsInputs; ++i) {
            const std::string port = "l" + std::to_string(i);
            if (inputs.has(port)) {
                for (const auto& [label, probability] : inputs.get<Labels>(port).probabilities()) {
                    add(port + "." + label, probability);
                }
            }
        }
        if (names.empty()) {
            throw InputError("no input is wired");
        }
        Outputs outputs;
        outputs.put("vector", Vector(std::move(names), std::move(values)));
        return outputs;
    }

private:
    bool prefix_ = false;
};

}  // namespace

}  // namespace timbre::plugins

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<timbre::plugins::Join>(timbre::plugins::join_descriptor()))
