// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.vector_similarity: the plain baseline, and the metric an index serves directly —
// standardise each dimension over the library (so a dimension in Hz cannot drown one in dB),
// then Euclidean or cosine distance.
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

#include "similarity_plugins.hpp"

namespace timbre::plugins {

namespace {
// 1 - cos of two vectors; as embed() leaves a zero vector unscaled, |x - y|² / 2 then.
template <typename X, typename Y>
double cosine_distance(const X& x, const Y& y) {
    const double dot = (x * y).sum(), x_norm = x.square().sum(), y_norm = y.square().sum();
    if (x_norm <= 0.0 || y_norm <= 0.0) {
        return (x_norm + y_norm - 2.0 * dot) / 2.0;
    }
    return std::max(0.0, 1.0 - dot / std::sqrt(x_norm * y_norm));
}
}  // namespace

Descriptor VectorSimilarity::descriptor() {
    return Descriptor{
        "timbre.vector_similarity",
        "1.0.0",
        Kind::similarity,
        "Similarity of any per-track vector, each dimension standardised over the library: Euclidean or cosine",
        {{"features", PortType::vector, "summary statistics, class probabilities or an embedding (timbre.join to combine)"}},
        {{kSignaturePort, PortType::vector, "the input vector, as it is"}},
        {{"distance", ParamType::string, std::string("euclidean"), {}, {}, {"euclidean", "cosine"}, "",
          "how standardised vectors are compared"}}};
}

void VectorSimilarity::configure(const Params& params) { cosine_ = params.string("distance") == "cosine"; }

Outputs VectorSimilarity::process(const Inputs& inputs) {
    Outputs outputs;
    outputs.put(kSignaturePort, inputs.get<Vector>("features"));
    return outputs;
}

void VectorSimilarity::fit(const std::vector<const Vector*>& library) {
    mean_.clear();
    scale_.clear();
    if (library.empty()) {
        return;
    }
    const std::size_t size = library.front()->size();
    mean_.assign(size, 0.0);
    std::vector<double> squares(size, 0.0);
    for (const Vector* vector : library) {
        if (vector->size() != size) {
            throw InputError("signatures of different sizes (" + std::to_string(size) + " and " +
                             std::to_string(vector->size()) + ") in one library");
        }
        for (std::size_t d = 0; d < size; ++d) {
            mean_[d] += vector->values()[d] / static_cast<double>(library.size());
        }
    }
    for (const Vector* vector : library) {
        for (std::size_t d = 0; d < size; ++d) {
            const double offset = vector->values()[d] - mean_[d];
            squares[d] += offset * offset / static_cast<double>(library.size());
        }
    }
    for (double square : squares) {
        // A dimension constant over the library carries no information: weight 0.
        scale_.push_back(square > 1e-24 ? 1.0 / std::sqrt(square) : 0.0);
    }
}

std::vector<float> VectorSimilarity::embed(const Vector& signature) const {
    std::vector<float> embedded(signature.size());
    double norm = 0.0;
    for (std::size_t d = 0; d < signature.size(); ++d) {
        const double value = scale_.empty() ? signature.values()[d] : (signature.values()[d] - mean_[d]) * scale_[d];
        embedded[d] = static_cast<float>(value);
        norm += value * value;
    }
    if (cosine_ && norm > 0.0) {
        for (float& value : embedded) {
            value = static_cast<float>(value / std::sqrt(norm));
        }
    }
    return embedded;
}

double VectorSimilarity::distance(const Vector& a, const Vector& b) const {
    if (a.size() != b.size() || (!scale_.empty() && a.size() != scale_.size())) {
        throw InputError("vector signatures of different sizes: made by different pipelines");
    }
    // Straight from the stored values, nothing allocated, Eigen's vectorised reductions: the
    // web service re-ranks hundreds of candidates per query with this.
    using Values = Eigen::Map<const Eigen::ArrayXd>;
    const auto size = static_cast<Eigen::Index>(a.size());
    const Values x(a.values().data(), size), y(b.values().data(), size);
    if (scale_.empty()) {
        return cosine_ ? cosine_distance(x, y) : (x - y).matrix().norm();
    }
    const Values mean(mean_.data(), size), scale(scale_.data(), size);
    return cosine_ ? cosine_distance((x - mean) * scale, (y - mean) * scale) : ((x - y) * scale).matrix().norm();
}

}  // namespace timbre::plugins
