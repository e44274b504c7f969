// SPDX-License-Identifier: GPL-3.0-or-later
// One multivariate Gaussian per track over its MFCC frames (mean and full covariance), the
// timbre model of Mandel & Ellis (2005) and of Musly's `timbre` method, and the two usual
// ways of comparing such Gaussians.
#pragma once

#include <Eigen/Dense>

#include "timbre/values.hpp"

namespace timbre::plugins {

struct GaussianModel {
    Eigen::VectorXd mean;
    Eigen::MatrixXd covariance;
    double log_determinant = 0.0;

    // Fits the frames' bins from `first_bin` on; the covariance gets a ridge of 1e-6 of its
    // mean variance so silence or constant bins keep it invertible. Needs more frames than bins.
    static GaussianModel fit(const Frames& frames, std::size_t first_bin);

    // The signature layout: mean_<b>, cov_<i>_<j> for i <= j, log_det. Throws InputError
    // for a vector of another layout.
    Vector to_signature(const std::vector<std::string>& bin_names) const;
    static GaussianModel from_signature(const Vector& signature);
};

// Jensen-Shannon divergence between the two Gaussians' moment-matched mixture and the
// Gaussians themselves: 1/2 log|Σm| - 1/4 (log|Σp| + log|Σq|), with Σm the covariance of the
// equal mixture. >= 0 by concavity of log det, 0 only for equal Gaussians, symmetric.
double jensen_shannon(const GaussianModel& p, const GaussianModel& q);
// The same, read straight from two signatures (to_signature's layout): what re-ranking calls
// hundreds of times per query, so up to 32 dimensions nothing is allocated.
double jensen_shannon(const Vector& p, const Vector& q);

// Symmetrised Kullback-Leibler divergence: KL(p‖q) + KL(q‖p).
double symmetric_kl(const GaussianModel& p, const GaussianModel& q);

}  // namespace timbre::plugins
