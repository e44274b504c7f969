// SPDX-License-Identifier: GPL-3.0-or-later
// Mutual proximity (Schnitzer, Flexer, Schedl, Widmer: "Local and global scaling reduce hubs
// in space", JMLR 2012) with the Gaussian assumption: each track's distances to the others
// are summarised by their mean and deviation, and d(x, y) becomes 1 - P(X > d) P(Y > d), the
// chance that x or y has the other among its closer neighbours. The one formula both the
// exact distance matrices and the library's sampled scales use.
#pragma once

#include <cmath>
#include <vector>

namespace timbre::host {

struct ProximityScale {
    double mean = 0.0;
    double deviation = 0.0;

    // The mean and (population) deviation of `distances`; zeros for none.
    static ProximityScale of(const std::vector<double>& distances);

    // P(X > d) for X ~ N(mean, deviation²); a step at the mean when the deviation is 0.
    double beyond(double d) const {
        return deviation > 0.0 ? 0.5 * std::erfc((d - mean) / (deviation * std::sqrt(2.0))) : (d < mean ? 1.0 : 0.0);
    }
};

// The normalised distance of x and y, in [0, 1], symmetric.
inline double mutual_proximity(double d, const ProximityScale& x, const ProximityScale& y) {
    return 1.0 - x.beyond(d) * y.beyond(d);
}

}  // namespace timbre::host
