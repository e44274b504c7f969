// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.descriptor_similarity: "sounds alike" as a DJ would put it — close in tempo (a
// track at 70 BPM sits next to one at 140), near on the Camelot wheel, as loud, as energetic.
// Each term is divided by its mean over pairs of the library (fit), so every term weighs 1
// on average before the configured weights apply.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "similarity_plugins.hpp"
#include "timbre/music/key_wheel.hpp"
#include "timbre/music/tempo_octaves.hpp"

namespace timbre::plugins {

namespace {
constexpr const char* kTempo = "log2_bpm";
constexpr const char* kWheel = "camelot_number";
constexpr const char* kMajor = "camelot_major";
constexpr const char* kLoudness = "loudness_lufs";
constexpr const char* kDescriptor = "descriptor_";

double named(const Vector& vector, const std::string& name) {
    const auto it = std::find(vector.names().begin(), vector.names().end(), name);
    return it == vector.names().end() ? std::nan("") : vector.values()[static_cast<std::size_t>(it - vector.names().begin())];
}

// `name`'s value in `vector`, looked for first at `position`: two signatures of one pipeline
// list their terms in the same order, so re-ranking rarely needs the search.
double named_at(const Vector& vector, const std::string& name, std::size_t position) {
    return position < vector.size() && vector.names()[position] == name ? vector.values()[position] : named(vector, name);
}

// The unscaled difference of term `name` (at `position` in a's layout) between two
// signatures; NaN when either lacks it.
double term_difference(const Vector& a, const Vector& b, const std::string& name, std::size_t position) {
    if (name == kWheel) {
        const double na = named_at(a, kWheel, position), nb = named_at(b, kWheel, position);
        if (!(na >= 1.0) || !(nb >= 1.0)) {
            return std::nan("");
        }
        return music::wheel_steps({static_cast<int>(na), named(a, kMajor) > 0.5},
                                  {static_cast<int>(nb), named(b, kMajor) > 0.5});
    }
    const double difference = named_at(a, name, position) - named_at(b, name, position);
    return name == kTempo ? music::folded_octaves(difference) : std::abs(difference);
}
}  // namespace

Descriptor DescriptorSimilarity::descriptor() {
    return Descriptor{
        "timbre.descriptor_similarity",
        "1.0.0",
        Kind::similarity,
        "Similarity of tempo (octave-aware), key (Camelot wheel), loudness and descriptors, standardised and weighted",
        {{"tempo", PortType::vector, "timbre.rhythm tempo (bpm used)", true},
         {"key", PortType::text, "timbre.key key, e.g. \"A minor\"", true},
         {"loudness", PortType::scalar, "integrated loudness, LUFS", true},
         {"descriptors", PortType::vector, "timbre.descriptors (energy, danceability, ...), each a term", true}},
        {{kSignaturePort, PortType::vector,
          "log2_bpm, camelot_number (1..12, 0 = no key), camelot_major, loudness_lufs, descriptor_<name>; null where "
          "the input was missing or not measured", false, true}},
        {
            {"tempo_weight", ParamType::real, 1.0, 0.0, 100.0, {}, "", "weight of the tempo term"},
            {"key_weight", ParamType::real, 1.0, 0.0, 100.0, {}, "", "weight of the key term"},
            {"loudness_weight", ParamType::real, 1.0, 0.0, 100.0, {}, "", "weight of the loudness term"},
            {"descriptor_weight", ParamType::real, 1.0, 0.0, 100.0, {}, "", "weight of each descriptor term"},
        }};
}

void DescriptorSimilarity::configure(const Params& params) {
    tempo_weight_ = params.real("tempo_weight");
    key_weight_ = params.real("key_weight");
    loudness_weight_ = params.real("loudness_weight");
    descriptor_weight_ = params.real("descriptor_weight");
}

Outputs DescriptorSimilarity::process(const Inputs& inputs) {
    std::vector<std::string> names;
    std::vector<double> values;
    if (inputs.has("tempo")) {
        const double bpm = named(inputs.get<Vector>("tempo"), "bpm");
        names.push_back(kTempo);
        values.push_back(bpm > 0.0 ? std::log2(bpm) : std::nan(""));
    }
    if (inputs.has("key")) {
        const auto key = music::camelot_key(inputs.get<Text>("key").text);
        names.insert(names.end(), {kWheel, kMajor});
        values.insert(values.end(), {key ? static_cast<double>(key->number) : 0.0, key && key->major ? 1.0 : 0.0});
    }
    if (inputs.has("loudness")) {
        names.push_back(kLoudness);
        values.push_back(inputs.get<Scalar>("loudness").value);
    }
    if (inputs.has("descriptors")) {
        const Vector& descriptors = inputs.get<Vector>("descriptors");
        for (std::size_t d = 0; d < descriptors.size(); ++d) {
            names.push_back(kDescriptor + descriptors.names()[d]);
            values.push_back(descriptors.values()[d]);
        }
    }
    if (names.empty()) {
        throw InputError("none of tempo, key, loudness or descriptors is wired: nothing to compare");
    }
    Outputs outputs;
    outputs.put(kSignaturePort, Vector(std::move(names), std::move(values)));
    return outputs;
}

void DescriptorSimilarity::fit(const std::vector<const Vector*>& library) {
    scale_.clear();
    mean_.clear();
    if (library.size() < 2) {
        return;
    }
    // A fixed, spread set of pairs: each track with one other, about n pairs in all.
    const std::size_t n = library.size();
    for (const auto& name : library.front()->names()) {
        if (name == kMajor) {
            continue;
        }
        double sum = 0.0;
        std::size_t counted = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t j = (i + 1 + (i * 7919) % (n - 1)) % n;
            const double difference = term_difference(*library[i], *library[j], name, library[i]->size());
            if (std::isfinite(difference)) {
                sum += difference;
                ++counted;
            }
        }
        scale_[name] = counted > 0 && sum > 0.0 ? sum / static_cast<double>(counted) : 1.0;
        double total = 0.0;
        std::size_t present = 0;
        for (const Vector* signature : library) {
            const double value = named(*signature, name);
            if (std::isfinite(value)) {
                total += value;
                ++present;
            }
        }
        mean_[name] = present > 0 ? total / static_cast<double>(present) : 0.0;
    }
}

double DescriptorSimilarity::weight_of(const std::string& term) const {
    return term == kTempo ? tempo_weight_ : term == kWheel ? key_weight_ : term == kLoudness ? loudness_weight_ : descriptor_weight_;
}

std::vector<float> DescriptorSimilarity::embed(const Vector& signature) const {
    double weights = 0.0;
    for (const auto& name : signature.names()) {
        weights += name == kMajor ? 0.0 : weight_of(name);
    }
    std::vector<float> embedded;
    for (std::size_t t = 0; t < signature.size(); ++t) {
        const std::string& name = signature.names()[t];
        if (name == kMajor) {
            continue;
        }
        const auto scale = scale_.find(name);
        const double factor = std::sqrt(weight_of(name) / std::max(weights, 1e-12)) /
                              (scale == scale_.end() ? 1.0 : scale->second);
        const double value = signature.values()[t];
        if (name == kTempo || name == kWheel) {
            // A circle whose chord between neighbours is about one unit of the term's difference:
            // one octave of tempo, one step of the wheel (the mode adds a step off the circle).
            const double turn = name == kTempo ? 1.0 : 12.0;
            const bool known = name == kTempo ? std::isfinite(value) : value >= 1.0;
            const double angle = 2.0 * std::numbers::pi * value / turn, radius = turn / (2.0 * std::numbers::pi);
            embedded.push_back(known ? static_cast<float>(factor * radius * std::cos(angle)) : 0.0f);
            embedded.push_back(known ? static_cast<float>(factor * radius * std::sin(angle)) : 0.0f);
            if (name == kWheel) {
                embedded.push_back(known ? static_cast<float>(factor * named(signature, kMajor)) : 0.5f * static_cast<float>(factor));
            }
            continue;
        }
        const auto mean = mean_.find(name);
        const double centred = std::isfinite(value) ? value - (mean == mean_.end() ? 0.0 : mean->second) : 0.0;
        embedded.push_back(static_cast<float>(factor * centred));
    }
    return embedded;
}

double DescriptorSimilarity::distance(const Vector& a, const Vector& b) const {
    double sum = 0.0, weights = 0.0;
    for (std::size_t position = 0; position < a.size(); ++position) {
        const std::string& name = a.names()[position];
        if (name == kMajor) {
            continue;
        }
        const double weight = weight_of(name);
        const auto scale = scale_.find(name);
        const double difference = term_difference(a, b, name, position);
        // A term either track lacks (no key found, silence) counts as an average difference.
        const double scaled = std::isfinite(difference) ? difference / (scale == scale_.end() ? 1.0 : scale->second) : 1.0;
        sum += weight * scaled * scaled;
        weights += weight;
    }
    return weights > 0.0 ? std::sqrt(sum / weights) : 0.0;
}

}  // namespace timbre::plugins
