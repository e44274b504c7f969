// SPDX-License-Identifier: GPL-3.0-or-later
// example.brightness_similarity: a third party's similarity metric. Two tracks are alike when
// their spectra are about as bright: the signature is the mean spectral centroid and
// roll-off in octaves (log2 Hz), compared by Euclidean distance, so an index could serve it.
// Shows the SimilarityMetric capability: process() makes the signature, distance() compares.
#include <timbre/timbre.hpp>

#include <algorithm>
#include <cmath>

namespace {

using namespace timbre;

double named(const Vector& vector, const std::string& name) {
    const auto it = std::find(vector.names().begin(), vector.names().end(), name);
    if (it == vector.names().end()) {
        throw InputError("the statistics have no '" + name + "' (wire timbre.summary over timbre.spectral's features)");
    }
    return vector.values()[static_cast<std::size_t>(it - vector.names().begin())];
}

class BrightnessSimilarity : public Plugin, public SimilarityMetric {
public:
    static Descriptor descriptor() {
        return Descriptor{"example.brightness_similarity",
                          "1.0.0",
                          Kind::similarity,
                          "Tracks are alike when their spectra are as bright: centroid and roll-off in octaves",
                          {{"stats", PortType::vector, "timbre.summary of timbre.spectral's features"}},
                          {{kSignaturePort, PortType::vector, "centroid_octaves, rolloff_octaves (log2 Hz)"}},
                          {}};
    }

    void configure(const Params&) override {}

    Outputs process(const Inputs& inputs) override {
        const Vector& stats = inputs.get<Vector>("stats");
        Outputs outputs;
        outputs.put(kSignaturePort,
                    Vector({"centroid_octaves", "rolloff_octaves"},
                           {std::log2(std::max(named(stats, "centroid_hz_mean"), 1.0)),
                            std::log2(std::max(named(stats, "rolloff_hz_mean"), 1.0))}));
        return outputs;
    }

    MetricSpace space() const override { return MetricSpace::euclidean; }

    double distance(const Vector& a, const Vector& b) const override {
        if (a.size() != 2 || b.size() != 2) {
            throw InputError("a brightness signature has two values");
        }
        return std::hypot(a.values()[0] - b.values()[0], a.values()[1] - b.values()[1]);
    }
};

}  // namespace

TIMBRE_EXPORT_PLUGINS(timbre::make_entry<BrightnessSimilarity>(BrightnessSimilarity::descriptor()))
