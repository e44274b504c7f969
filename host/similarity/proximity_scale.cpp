// SPDX-License-Identifier: GPL-3.0-or-later
// Two passes (mean, then squared offsets) rather than a running sum of squares, which loses
// precision when distances are large and close together.
#include "similarity/proximity_scale.hpp"

namespace timbre::host {

ProximityScale ProximityScale::of(const std::vector<double>& distances) {
    ProximityScale scale;
    if (distances.empty()) {
        return scale;
    }
    const auto n = static_cast<double>(distances.size());
    for (double d : distances) {
        scale.mean += d / n;
    }
    for (double d : distances) {
        scale.deviation += (d - scale.mean) * (d - scale.mean) / n;
    }
    scale.deviation = std::sqrt(scale.deviation);
    return scale;
}

}  // namespace timbre::host
