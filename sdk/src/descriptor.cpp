// SPDX-License-Identifier: GPL-3.0-or-later
// Look-ups on a descriptor, and the out-of-line pieces of the plugin interface.
#include "timbre/descriptor.hpp"

#include "timbre/plugin.hpp"
#include "timbre/similarity.hpp"
#include "timbre/trainable.hpp"

namespace timbre {

std::string to_string(Kind kind) {
    switch (kind) {
    case Kind::extractor: return "extractor";
    case Kind::classifier: return "classifier";
    case Kind::similarity: return "similarity";
    case Kind::regressor: return "regressor";
    case Kind::tagger: return "tagger";
    }
    return "unknown";
}

bool learns(Kind kind) { return kind == Kind::classifier || kind == Kind::regressor || kind == Kind::tagger; }

namespace {
template <typename Spec> const Spec* find_named(const std::vector<Spec>& specs, const std::string& name) {
    for (const auto& spec : specs) {
        if (spec.name == name) {
            return &spec;
        }
    }
    return nullptr;
}
}  // namespace

const PortSpec* Descriptor::input(const std::string& name) const { return find_named(inputs, name); }
const PortSpec* Descriptor::output(const std::string& name) const { return find_named(outputs, name); }
const ParamSpec* Descriptor::param(const std::string& name) const { return find_named(params, name); }

Inputs::Inputs(std::map<std::string, SharedValue> values) : values_(std::move(values)) {}

const Value& Inputs::find(const std::string& port) const {
    const auto it = values_.find(port);
    if (it == values_.end() || !it->second) {
        throw PortError(port, "no value on this input");
    }
    return *it->second;
}

const std::string& Inputs::only_port() const {
    if (values_.size() != 1) {
        throw PortError(values_.empty() ? "(none)" : values_.begin()->first,
                        "expected exactly one wired input, found " + std::to_string(values_.size()));
    }
    return values_.begin()->first;
}

void Outputs::put(const std::string& port, Value value) {
    values_[port] = std::make_shared<const Value>(std::move(value));
}

Plugin::~Plugin() = default;

Trainable::~Trainable() = default;
TrainableRegressor::~TrainableRegressor() = default;
TrainableTagger::~TrainableTagger() = default;

SimilarityMetric::~SimilarityMetric() = default;

void SimilarityMetric::fit(const std::vector<const Vector*>&) {}

std::vector<float> SimilarityMetric::embed(const Vector& signature) const {
    return {signature.values().begin(), signature.values().end()};
}

}  // namespace timbre
