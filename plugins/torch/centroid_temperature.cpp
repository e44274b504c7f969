// SPDX-License-Identifier: GPL-3.0-or-later
// A one-parameter fit: 161 temperatures, 20 per decade, each scored by the cross-entropy of the
// training tracks' classes; the grid makes the choice deterministic and needs no optimiser.
#include "centroid_temperature.hpp"

#include <cmath>
#include <limits>

namespace timbre::plugins {

double fitted_temperature(const torch::Tensor& cosines, const torch::Tensor& classes) {
    double best_temperature = 1.0;
    double best_loss = std::numeric_limits<double>::infinity();
    for (int step = 0; step <= 160; ++step) {
        const double temperature = std::pow(10.0, -8.0 + step / 20.0);
        const double loss = torch::nn::functional::cross_entropy(cosines / temperature, classes).item<double>();
        if (loss < best_loss) {
            best_loss = loss;
            best_temperature = temperature;
        }
    }
    return best_temperature;
}

}  // namespace timbre::plugins
