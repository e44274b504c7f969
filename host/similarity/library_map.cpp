// SPDX-License-Identifier: GPL-3.0-or-later
// The components are found one after the other: 60 rounds of v <- Xᵀ X v on the centred
// embeddings, the second kept orthogonal to the first; the start vector is fixed, so the same
// library always gets the same map (up to nothing: signs are fixed by the start too).
#include "similarity/library_map.hpp"

#include <algorithm>
#include <cmath>

#include "similarity/unit_length.hpp"

namespace timbre::host {

namespace {

using Matrix = std::vector<std::vector<double>>;

// The unit vector v maximising |X v| and orthogonal to `away` (if given).
std::vector<double> principal_direction(const Matrix& centred, std::size_t dimension, const std::vector<double>* away) {
    std::vector<double> v(dimension);
    for (std::size_t d = 0; d < dimension; ++d) {
        v[d] = 1.0 + static_cast<double>(d % 7) / 7.0;
    }
    const auto orthogonalise_and_normalise = [&](std::vector<double>& w) {
        if (away) {
            double dot = 0.0;
            for (std::size_t d = 0; d < dimension; ++d) {
                dot += w[d] * (*away)[d];
            }
            for (std::size_t d = 0; d < dimension; ++d) {
                w[d] -= dot * (*away)[d];
            }
        }
        scale_to_unit_length(w);
    };
    orthogonalise_and_normalise(v);
    for (int round = 0; round < 60; ++round) {
        std::vector<double> next(dimension, 0.0);
        for (const auto& row : centred) {
            double projection = 0.0;
            for (std::size_t d = 0; d < dimension; ++d) {
                projection += row[d] * v[d];
            }
            for (std::size_t d = 0; d < dimension; ++d) {
                next[d] += projection * row[d];
            }
        }
        orthogonalise_and_normalise(next);
        v = std::move(next);
    }
    return v;
}

}  // namespace

std::vector<MapPoint> library_map(const LibrarySimilarity& similarity) {
    const std::size_t n = similarity.members().size();
    if (n == 0) {
        return {};
    }
    Matrix centred;
    for (std::size_t member = 0; member < n; ++member) {
        const auto embedded = similarity.embedding(member);
        centred.emplace_back(embedded.begin(), embedded.end());
    }
    const std::size_t dimension = centred.front().size();
    std::vector<double> mean(dimension, 0.0);
    for (const auto& row : centred) {
        for (std::size_t d = 0; d < dimension; ++d) {
            mean[d] += row[d] / static_cast<double>(n);
        }
    }
    for (auto& row : centred) {
        for (std::size_t d = 0; d < dimension; ++d) {
            row[d] -= mean[d];
        }
    }
    const auto first = principal_direction(centred, dimension, nullptr);
    const auto second = principal_direction(centred, dimension, &first);
    std::vector<MapPoint> points(n);
    std::vector<double> reaches(n);
    for (std::size_t i = 0; i < n; ++i) {
        double x = 0.0, y = 0.0;
        for (std::size_t d = 0; d < dimension; ++d) {
            x += centred[i][d] * first[d];
            y += centred[i][d] * second[d];
        }
        points[i] = {static_cast<float>(x), static_cast<float>(y)};
        reaches[i] = std::max(std::abs(x), std::abs(y));
    }
    // Scaled so that 95 % of the tracks fill the square; the few beyond sit on its edge,
    // rather than one outlier squeezing everyone else into a corner.
    std::nth_element(reaches.begin(), reaches.begin() + static_cast<std::ptrdiff_t>(0.95 * (n - 1)), reaches.end());
    const double reach = reaches[static_cast<std::size_t>(0.95 * (n - 1))];
    for (auto& point : points) {
        point.x = reach > 0.0 ? std::clamp(static_cast<float>(point.x / reach), -1.0f, 1.0f) : 0.0f;
        point.y = reach > 0.0 ? std::clamp(static_cast<float>(point.y / reach), -1.0f, 1.0f) : 0.0f;
    }
    return points;
}

}  // namespace timbre::host
