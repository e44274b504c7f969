// SPDX-License-Identifier: GPL-3.0-or-later
// Scaling a vector to unit Euclidean length, as a cosine metric's embedding and the map's
// power iteration both need. A zero vector stays zero.
#pragma once

#include <cmath>
#include <vector>

namespace timbre::host {

inline void scale_to_unit_length(std::vector<double>& values) {
    double norm = 0.0;
    for (double v : values) {
        norm += v * v;
    }
    norm = std::sqrt(norm);
    for (double& v : values) {
        v = norm > 0.0 ? v / norm : 0.0;
    }
}

}  // namespace timbre::host
