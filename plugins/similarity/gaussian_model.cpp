// SPDX-License-Identifier: GPL-3.0-or-later
// Log-determinants and solves go through Eigen's Cholesky (LLT): the matrices are symmetric
// positive definite by construction (sample covariance plus a ridge).
#include "gaussian_model.hpp"

#include <algorithm>
#include <string>

#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {
double log_det(const Eigen::LLT<Eigen::MatrixXd>& cholesky) {
    return 2.0 * cholesky.matrixLLT().diagonal().array().log().sum();
}

std::size_t dimension_of(std::size_t signature_size) {
    // size = d + d(d+1)/2 + 1
    for (std::size_t d = 1; d < 512; ++d) {
        const std::size_t size = d + d * (d + 1) / 2 + 1;
        if (size == signature_size) {
            return d;
        }
        if (size > signature_size) {
            break;
        }
    }
    throw InputError("a Gaussian signature of " + std::to_string(signature_size) +
                     " values matches no dimension (d means, d(d+1)/2 covariances and a log-determinant)");
}
}  // namespace

GaussianModel GaussianModel::fit(const Frames& frames, std::size_t first_bin) {
    if (frames.bin_count() <= first_bin) {
        throw InputError("frames have " + std::to_string(frames.bin_count()) + " bins; the Gaussian starts at bin " +
                         std::to_string(first_bin));
    }
    const auto d = static_cast<Eigen::Index>(frames.bin_count() - first_bin);
    const auto n = static_cast<Eigen::Index>(frames.frame_count());
    if (n <= d) {
        throw InputError("a full-covariance Gaussian over " + std::to_string(d) + " bins needs more than " +
                         std::to_string(d) + " frames, got " + std::to_string(n));
    }
    Eigen::MatrixXd data(n, d);
    for (Eigen::Index f = 0; f < n; ++f) {
        for (Eigen::Index b = 0; b < d; ++b) {
            data(f, b) = frames.at(static_cast<std::size_t>(f), first_bin + static_cast<std::size_t>(b));
        }
    }
    GaussianModel model;
    model.mean = data.colwise().mean();
    const Eigen::MatrixXd centred = data.rowwise() - model.mean.transpose();
    model.covariance = centred.transpose() * centred / static_cast<double>(n - 1);
    const double ridge = 1e-6 * std::max(model.covariance.trace() / static_cast<double>(d), 1e-12);
    model.covariance.diagonal().array() += ridge;
    model.log_determinant = log_det(model.covariance.llt());
    return model;
}

Vector GaussianModel::to_signature(const std::vector<std::string>& bin_names) const {
    const auto d = mean.size();
    std::vector<std::string> names;
    std::vector<double> values;
    for (Eigen::Index i = 0; i < d; ++i) {
        names.push_back("mean_" + bin_names[static_cast<std::size_t>(i)]);
        values.push_back(mean(i));
    }
    for (Eigen::Index i = 0; i < d; ++i) {
        for (Eigen::Index j = i; j < d; ++j) {
            names.push_back("cov_" + bin_names[static_cast<std::size_t>(i)] + "_" + bin_names[static_cast<std::size_t>(j)]);
            values.push_back(covariance(i, j));
        }
    }
    names.push_back("log_det");
    values.push_back(log_determinant);
    return Vector(std::move(names), std::move(values));
}

GaussianModel GaussianModel::from_signature(const Vector& signature) {
    const auto d = static_cast<Eigen::Index>(dimension_of(signature.size()));
    const auto& v = signature.values();
    GaussianModel model;
    model.mean = Eigen::Map<const Eigen::VectorXd>(v.data(), d);
    model.covariance.resize(d, d);
    std::size_t k = static_cast<std::size_t>(d);
    for (Eigen::Index i = 0; i < d; ++i) {
        for (Eigen::Index j = i; j < d; ++j) {
            model.covariance(i, j) = model.covariance(j, i) = v[k++];
        }
    }
    model.log_determinant = v[k];
    return model;
}

double jensen_shannon(const GaussianModel& p, const GaussianModel& q) {
    const Eigen::VectorXd difference = p.mean - q.mean;
    const Eigen::MatrixXd mixture =
        0.5 * (p.covariance + q.covariance) + 0.25 * difference * difference.transpose();
    const double divergence = 0.5 * log_det(mixture.llt()) - 0.25 * (p.log_determinant + q.log_determinant);
    return std::max(divergence, 0.0);
}

namespace {
// The divergence of two signatures of dimension d, their mixture's covariance in `Matrix`:
// a fixed-size one lets Eigen unroll the Cholesky for the dimensions the shipped configs
// make (25: c0-c24 of similarity-fast.yaml's Musly front end; 19: c1-c19 of the MFCC node
// similarity.yaml shares with features.yaml), which the web service's queries spend a third
// of their time in.
template <typename Matrix>
double signature_jensen_shannon(const double* a, const double* b, Eigen::Index d) {
    Matrix mixture(d, d);
    std::size_t k = static_cast<std::size_t>(d);
    for (Eigen::Index i = 0; i < d; ++i) {
        for (Eigen::Index j = i; j < d; ++j) {
            mixture(i, j) = mixture(j, i) = 0.5 * (a[k] + b[k]) + 0.25 * (a[i] - b[i]) * (a[j] - b[j]);
            ++k;
        }
    }
    const Eigen::LLT<Matrix> cholesky(mixture);
    const double log_det_mixture = 2.0 * cholesky.matrixLLT().diagonal().array().log().sum();
    return std::max(0.5 * log_det_mixture - 0.25 * (a[k] + b[k]), 0.0);
}
}  // namespace

double jensen_shannon(const Vector& p, const Vector& q) {
    constexpr int kMaxOnStack = 32;
    const auto d = static_cast<Eigen::Index>(dimension_of(p.size()));
    if (d > kMaxOnStack || q.size() != p.size()) {
        return jensen_shannon(GaussianModel::from_signature(p), GaussianModel::from_signature(q));
    }
    const double* a = p.values().data();
    const double* b = q.values().data();
    switch (d) {
    case 19: return signature_jensen_shannon<Eigen::Matrix<double, 19, 19>>(a, b, d);
    case 25: return signature_jensen_shannon<Eigen::Matrix<double, 25, 25>>(a, b, d);
    default:
        return signature_jensen_shannon<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, 0, kMaxOnStack, kMaxOnStack>>(
            a, b, d);
    }
}

double symmetric_kl(const GaussianModel& p, const GaussianModel& q) {
    const Eigen::LLT<Eigen::MatrixXd> p_cholesky(p.covariance), q_cholesky(q.covariance);
    const auto d = static_cast<double>(p.mean.size());
    const Eigen::VectorXd difference = p.mean - q.mean;
    const double traces = q_cholesky.solve(p.covariance).trace() + p_cholesky.solve(q.covariance).trace();
    const double means = difference.dot(p_cholesky.solve(difference) + q_cholesky.solve(difference));
    return std::max(0.5 * (traces + means) - d, 0.0);
}

}  // namespace timbre::plugins
