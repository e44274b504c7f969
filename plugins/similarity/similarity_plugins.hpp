// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in similarity metrics (plugins of kind `similarity`): each turns what the
// pipeline computed for a track into a signature (process) and compares two signatures
// (distance). One library, so the three share one load.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

class GaussianSimilarity : public Plugin, public SimilarityMetric {
public:
    static Descriptor descriptor();
    void configure(const Params& params) override;
    Outputs process(const Inputs& inputs) override;
    MetricSpace space() const override { return MetricSpace::divergence; }
    // Learns the library's mean covariance, which whitens the means in embed().
    void fit(const std::vector<const Vector*>& library) override;
    // [whitened mean; log-covariance, diagonal / √2 and upper triangle]: its squared Euclidean
    // distance is the Mahalanobis distance of the means plus half the log-Euclidean distance of
    // the covariances, which is what symmetrised KL (and JS, roughly half of it) come to for
    // nearby Gaussians.
    std::vector<float> embed(const Vector& signature) const override;
    double distance(const Vector& a, const Vector& b) const override;

private:
    enum class Divergence { jensen_shannon, jensen_shannon_distance, symmetric_kl };
    std::size_t first_bin_ = 1;
    Divergence divergence_ = Divergence::jensen_shannon;
    std::size_t dimension_ = 0;
    std::vector<double> whitening_;  // dimension_² values, row-major: the mean covariance's inverse root
};

// Any named vector (summary statistics, class probabilities, an embedding), each dimension
// standardised over the library, compared by Euclidean or cosine distance.
class VectorSimilarity : public Plugin, public SimilarityMetric {
public:
    static Descriptor descriptor();
    void configure(const Params& params) override;
    Outputs process(const Inputs& inputs) override;
    MetricSpace space() const override { return cosine_ ? MetricSpace::cosine : MetricSpace::euclidean; }
    void fit(const std::vector<const Vector*>& library) override;
    std::vector<float> embed(const Vector& signature) const override;
    double distance(const Vector& a, const Vector& b) const override;

private:
    bool cosine_ = false;
    std::vector<double> mean_, scale_;  // per dimension, from fit(); empty = as they are
};

// Musical descriptors a listener hears: tempo (octave-aware), key (steps on the Camelot
// wheel), loudness and the high-level descriptors, each standardised and weighted.
class DescriptorSimilarity : public Plugin, public SimilarityMetric {
public:
    static Descriptor descriptor();
    void configure(const Params& params) override;
    Outputs process(const Inputs& inputs) override;
    MetricSpace space() const override { return MetricSpace::divergence; }
    void fit(const std::vector<const Vector*>& library) override;
    // Each term scaled as distance() scales it; tempo as a point on a circle of one octave and
    // the key on the Camelot wheel, so octave and wheel neighbours stay near.
    std::vector<float> embed(const Vector& signature) const override;
    double distance(const Vector& a, const Vector& b) const override;

private:
    double weight_of(const std::string& term) const;

    double tempo_weight_ = 1.0, key_weight_ = 1.0, loudness_weight_ = 1.0, descriptor_weight_ = 1.0;
    std::map<std::string, double> scale_;  // mean difference per term over pairs of the library, from fit()
    std::map<std::string, double> mean_;   // mean value per linear term, from fit(): where a missing value sits
};

}  // namespace timbre::plugins
