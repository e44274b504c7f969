// SPDX-License-Identifier: GPL-3.0-or-later
// The few directions along which a library's joint embeddings vary most, so the index can hold
// 128 numbers per track instead of over a thousand: hnswlib's distance computations were a
// quarter of the web service's CPU for `similar`. Distances in the subspace are what the
// whole embedding's would be minus the little variance left out, and the index only proposes
// candidates that the exact metrics re-rank, so a small loss there costs little recall
// (docs/benchmarks.md).
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::host {

class PrincipalSubspace {
public:
    // Fits an orthonormal basis of the `components` leading principal directions of `rows`
    // (each of one length, already centred) by subspace iteration from a fixed start, so the
    // same sample always gives the same basis.
    PrincipalSubspace(const std::vector<std::vector<float>>& rows, std::size_t components);
    // A basis fitted before by the constructor above, as input(), basis() and retained() gave
    // it (read back from the similarity cache). Throws timbre::Error when the sizes disagree.
    PrincipalSubspace(std::size_t input, std::size_t components, std::vector<float> basis, double retained);

    std::size_t input() const { return input_; }
    const std::vector<float>& basis() const { return basis_; }

    std::size_t dimension() const { return components_; }
    // The share of the sample's variance the subspace keeps, in [0, 1].
    double retained() const { return retained_; }
    // `row` expressed in the basis.
    std::vector<float> operator()(const std::vector<float>& row) const;

private:
    std::size_t input_ = 0;
    std::size_t components_ = 0;
    std::vector<float> basis_;  // components_ directions of input_ numbers each, one after the other
    double retained_ = 1.0;
};

}  // namespace timbre::host
