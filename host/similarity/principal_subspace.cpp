// SPDX-License-Identifier: GPL-3.0-or-later
// Subspace iteration (V <- orthonormal(Xᵀ X V), a dozen rounds) converges to the leading
// principal directions without the full eigen-decomposition of a thousand-square covariance,
// which would cost seconds at every opening of a large store; this costs a fraction of one.
#include "similarity/principal_subspace.hpp"

#include <Eigen/Dense>

#include <random>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
constexpr int kRounds = 12;
constexpr unsigned kStartSeed = 7;
}  // namespace

PrincipalSubspace::PrincipalSubspace(const std::vector<std::vector<float>>& rows, std::size_t components)
    : input_(rows.empty() ? 0 : rows.front().size()), components_(std::min(components, input_)) {
    const auto n = static_cast<Eigen::Index>(rows.size());
    const auto d = static_cast<Eigen::Index>(input_);
    const auto k = static_cast<Eigen::Index>(components_);
    Eigen::MatrixXd sample(n, d);
    for (Eigen::Index r = 0; r < n; ++r) {
        for (Eigen::Index c = 0; c < d; ++c) {
            sample(r, c) = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
        }
    }
    std::mt19937 engine(kStartSeed);
    std::normal_distribution<double> normal;
    Eigen::MatrixXd basis(d, k);
    for (Eigen::Index c = 0; c < k; ++c) {
        for (Eigen::Index r = 0; r < d; ++r) {
            basis(r, c) = normal(engine);
        }
    }
    for (int round = 0; round < kRounds; ++round) {
        const Eigen::MatrixXd grown = sample.transpose() * (sample * basis);
        basis = Eigen::HouseholderQR<Eigen::MatrixXd>(grown).householderQ() * Eigen::MatrixXd::Identity(d, k);
    }
    const double total = sample.squaredNorm();
    retained_ = total > 0.0 ? (sample * basis).squaredNorm() / total : 1.0;
    basis_.resize(components_ * input_);
    for (Eigen::Index c = 0; c < k; ++c) {
        for (Eigen::Index r = 0; r < d; ++r) {
            basis_[static_cast<std::size_t>(c) * input_ + static_cast<std::size_t>(r)] = static_cast<float>(basis(r, c));
        }
    }
}

PrincipalSubspace::PrincipalSubspace(std::size_t input, std::size_t components, std::vector<float> basis,
                                     double retained)
    : input_(input), components_(components), basis_(std::move(basis)), retained_(retained) {
    if (basis_.size() != input_ * components_ || components_ > input_) {
        throw Error("a principal subspace of " + std::to_string(components_) + " directions in " +
                    std::to_string(input_) + " dimensions cannot have " + std::to_string(basis_.size()) + " numbers");
    }
}

std::vector<float> PrincipalSubspace::operator()(const std::vector<float>& row) const {
    const Eigen::Map<const Eigen::MatrixXf> basis(basis_.data(), static_cast<Eigen::Index>(input_),
                                                  static_cast<Eigen::Index>(components_));
    const Eigen::Map<const Eigen::VectorXf> values(row.data(), static_cast<Eigen::Index>(input_));
    std::vector<float> projected(components_);
    Eigen::Map<Eigen::VectorXf>(projected.data(), static_cast<Eigen::Index>(components_)) = basis.transpose() * values;
    return projected;
}

}  // namespace timbre::host
