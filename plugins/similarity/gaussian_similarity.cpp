// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.gaussian_similarity: a track's MFCC frames as one full-covariance Gaussian, compared
// by Jensen-Shannon or symmetrised Kullback-Leibler divergence — the "timbre" similarity of
// Musly and of Mandel & Ellis, hubs left to the host's mutual proximity.
#include "similarity_plugins.hpp"

#include "gaussian_model.hpp"

#include <cmath>

namespace timbre::plugins {

Descriptor GaussianSimilarity::descriptor() {
    return Descriptor{
        "timbre.gaussian_similarity",
        "1.0.0",
        Kind::similarity,
        "Timbre similarity: one Gaussian (mean, full covariance) over MFCC frames, compared by divergence",
        {{"mfcc", PortType::frames, "MFCC frames (timbre.mfcc's mfcc output)"}},
        {{kSignaturePort, PortType::vector,
          "mean_<bin>, cov_<bin>_<bin> (upper triangle) and log_det of the frames' Gaussian"}},
        {
            {"first_coefficient", ParamType::integer, std::int64_t{1}, 0, 64, {}, "",
             "first MFCC bin modelled; 1 leaves out c0, the frame's overall level"},
            {"divergence", ParamType::string, std::string("jensen_shannon"), {}, {},
             {"jensen_shannon", "jensen_shannon_distance", "symmetric_kl"}, "",
             "how two Gaussians are compared: Jensen-Shannon divergence, its square root (Musly's distance), or "
             "symmetrised Kullback-Leibler divergence"},
        }};
}

void GaussianSimilarity::configure(const Params& params) {
    first_bin_ = static_cast<std::size_t>(params.integer("first_coefficient"));
    const std::string divergence = params.string("divergence");
    divergence_ = divergence == "symmetric_kl"              ? Divergence::symmetric_kl
                  : divergence == "jensen_shannon_distance" ? Divergence::jensen_shannon_distance
                                                            : Divergence::jensen_shannon;
}

Outputs GaussianSimilarity::process(const Inputs& inputs) {
    const Frames& frames = inputs.get<Frames>("mfcc");
    std::vector<std::string> names;
    for (std::size_t b = first_bin_; b < frames.bin_count(); ++b) {
        names.push_back(frames.bin_names().empty() ? "bin" + std::to_string(b) : frames.bin_names()[b]);
    }
    Outputs outputs;
    outputs.put(kSignaturePort, GaussianModel::fit(frames, first_bin_).to_signature(names));
    return outputs;
}

void GaussianSimilarity::fit(const std::vector<const Vector*>& library) {
    whitening_.clear();
    if (library.empty()) {
        return;
    }
    const GaussianModel first = GaussianModel::from_signature(*library.front());
    const auto d = first.mean.size();
    Eigen::MatrixXd mean_covariance = Eigen::MatrixXd::Zero(d, d);
    for (const Vector* signature : library) {
        const GaussianModel model = GaussianModel::from_signature(*signature);
        if (model.mean.size() != d) {
            throw InputError("Gaussian signatures of different sizes in one library: made with other MFCC settings");
        }
        mean_covariance += model.covariance / static_cast<double>(library.size());
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(mean_covariance);
    const Eigen::MatrixXd inverse_root = solver.operatorInverseSqrt();
    dimension_ = static_cast<std::size_t>(d);
    for (Eigen::Index i = 0; i < d; ++i) {
        for (Eigen::Index j = 0; j < d; ++j) {
            whitening_.push_back(inverse_root(i, j));
        }
    }
}

std::vector<float> GaussianSimilarity::embed(const Vector& signature) const {
    const GaussianModel model = GaussianModel::from_signature(signature);
    const auto d = model.mean.size();
    Eigen::VectorXd mean = model.mean;
    if (static_cast<std::size_t>(d) == dimension_) {
        mean = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(whitening_.data(), d, d) *
               model.mean;
    }
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(model.covariance);
    const Eigen::MatrixXd log_covariance =
        solver.eigenvectors() * solver.eigenvalues().array().log().matrix().asDiagonal() * solver.eigenvectors().transpose();
    std::vector<float> embedded;
    for (Eigen::Index i = 0; i < d; ++i) {
        embedded.push_back(static_cast<float>(mean(i)));
    }
    for (Eigen::Index i = 0; i < d; ++i) {
        for (Eigen::Index j = i; j < d; ++j) {
            embedded.push_back(static_cast<float>(i == j ? log_covariance(i, i) / std::sqrt(2.0) : log_covariance(i, j)));
        }
    }
    return embedded;
}

double GaussianSimilarity::distance(const Vector& a, const Vector& b) const {
    if (a.size() != b.size()) {
        throw InputError("Gaussian signatures of different sizes (" + std::to_string(a.size()) + " and " +
                         std::to_string(b.size()) + "): made with other MFCC settings");
    }
    switch (divergence_) {
    case Divergence::jensen_shannon: return jensen_shannon(a, b);
    // Ranks as the divergence does, but mutual proximity fits a normal law to each track's
    // distances, so the root (what Musly compares) changes the normalised neighbours.
    case Divergence::jensen_shannon_distance: return std::sqrt(jensen_shannon(a, b));
    case Divergence::symmetric_kl: break;
    }
    return symmetric_kl(GaussianModel::from_signature(a), GaussianModel::from_signature(b));
}

}  // namespace timbre::plugins
