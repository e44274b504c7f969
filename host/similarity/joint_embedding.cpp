// SPDX-License-Identifier: GPL-3.0-or-later
// The mean squared distance between tracks is 2 Σ var(dimension), so each part's weight
// scale comes from per-dimension variances over the sample, with no pairwise pass. The
// subspace fit is the one costly step (about a second for a sample of 1,000 tracks), so it
// is kept in the similarity cache under a hash of every number it was fitted on: the cache
// gives back exactly what fitting again would.
#include "similarity/joint_embedding.hpp"

#include <cmath>

#include <spdlog/spdlog.h>

#include "similarity/similarity_cache.hpp"
#include "similarity/unit_length.hpp"
#include "timbre/error.hpp"
#include "tracks/content_hash.hpp"

namespace timbre::host {

namespace {
constexpr std::size_t kIndexDimensions = 128;

// The subspace of `rows` as `cache` keeps it under a hash of every number in them, fitted
// and kept there when it holds none for exactly these rows.
PrincipalSubspace kept_subspace(const std::vector<std::vector<float>>& rows, const SimilarityCache& cache) {
    std::string numbers = std::to_string(kIndexDimensions) + "\n";
    for (const auto& row : rows) {
        numbers.append(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(float));
    }
    const std::string fingerprint = hash_text(numbers);
    if (auto kept = cache.load_subspace(fingerprint)) {
        return std::move(*kept);
    }
    PrincipalSubspace fitted(rows, kIndexDimensions);
    try {
        cache.save_subspace(fingerprint, fitted);
    } catch (const Error& error) {
        spdlog::warn("{} (the next command will fit it again)", error.what());
    }
    return fitted;
}
}  // namespace

std::vector<double> JointEmbedding::transformed(const Part& part, const Vector& signature) const {
    const std::vector<float> embedded = part.metric.metric->embed(signature);
    std::vector<double> values(embedded.begin(), embedded.end());
    if (!part.centre.empty() && values.size() != part.centre.size()) {
        throw Error("similarity metric " + part.metric.name + ": embed() gave " + std::to_string(values.size()) +
                    " values for one track and " + std::to_string(part.centre.size()) + " for others");
    }
    if (part.space == MetricSpace::cosine) {
        scale_to_unit_length(values);
    }
    for (std::size_t d = 0; d < part.scale.size(); ++d) {
        values[d] = (values[d] - part.centre[d]) * part.scale[d];
    }
    return values;
}

JointEmbedding::JointEmbedding(const std::vector<EmbeddedMetric>& metrics,
                               const std::vector<std::vector<const Vector*>>& sample, const SimilarityCache* cache) {
    for (std::size_t m = 0; m < metrics.size(); ++m) {
        Part part{metrics[m], metrics[m].metric->space(), {}, {}};
        std::vector<std::vector<double>> rows;
        for (const Vector* signature : sample[m]) {
            rows.push_back(transformed(part, *signature));
            part.centre.assign(rows.front().size(), 0.0);  // from now on, lengths are checked
        }
        const std::size_t dimension = rows.empty() ? 0 : rows.front().size();
        std::vector<double> mean(dimension, 0.0), variance(dimension, 0.0);
        for (const auto& row : rows) {
            for (std::size_t d = 0; d < dimension; ++d) {
                mean[d] += row[d] / static_cast<double>(rows.size());
            }
        }
        for (const auto& row : rows) {
            for (std::size_t d = 0; d < dimension; ++d) {
                variance[d] += (row[d] - mean[d]) * (row[d] - mean[d]) / static_cast<double>(rows.size());
            }
        }
        double squared_spread = 0.0;  // mean squared distance between tracks
        for (std::size_t d = 0; d < dimension; ++d) {
            squared_spread += 2.0 * variance[d];
        }
        part.centre = mean;
        part.scale.assign(dimension, squared_spread > 0.0 ? std::sqrt(metrics[m].weight / squared_spread) : 0.0);
        dimension_ += dimension;
        parts_.push_back(std::move(part));
    }
    const std::size_t sample_size = sample.empty() ? 0 : sample.front().size();
    if (dimension_ > kIndexDimensions && sample_size > kIndexDimensions) {
        std::vector<std::vector<float>> rows;
        for (std::size_t t = 0; t < sample_size; ++t) {
            std::vector<const Vector*> signatures;
            for (const auto& of_metric : sample) {
                signatures.push_back(of_metric[t]);
            }
            rows.push_back(joined(signatures));
        }
        subspace_ = cache ? kept_subspace(rows, *cache) : PrincipalSubspace(rows, kIndexDimensions);
    }
}

std::vector<float> JointEmbedding::operator()(const std::vector<const Vector*>& signatures) const {
    return subspace_ ? (*subspace_)(joined(signatures)) : joined(signatures);
}

std::vector<float> JointEmbedding::joined(const std::vector<const Vector*>& signatures) const {
    std::vector<float> joint;
    joint.reserve(dimension_);
    for (std::size_t m = 0; m < parts_.size(); ++m) {
        for (double v : transformed(parts_[m], *signatures[m])) {
            joint.push_back(static_cast<float>(v));
        }
    }
    return joint;
}

}  // namespace timbre::host
