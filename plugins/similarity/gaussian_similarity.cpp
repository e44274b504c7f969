// timbre.gaussian_similarity: a track's MFCC frames as one full-covariance Gaussian, compared
// by Jensen-Shannon or symmetrised Kullback-Leibler divergence — the "timbre" similarity of
// Musly and of Mandel & Ellis, hubs left to the host's mutual proximity.
#include "similarity_plugins.hpp"

#include "gaussian_model.hpp"

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
            {"divergence", ParamType::string, std::string("jensen_shannon"), {}, {}, {"jensen_shannon", "symmetric_kl"},
             "", "how two Gaussians are compared"},
        }};
}

void GaussianSimilarity::configure(const Params& params) {
    first_bin_ = static_cast<std::size_t>(params.integer("first_coefficient"));
    jensen_shannon_ = params.string("divergence") == "jensen_shannon";
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

double GaussianSimilarity::distance(const Vector& a, const Vector& b) const {
    if (a.size() != b.size()) {
        throw InputError("Gaussian signatures of different sizes (" + std::to_string(a.size()) + " and " +
                         std::to_string(b.size()) + "): made with other MFCC settings");
    }
    const GaussianModel p = GaussianModel::from_signature(a), q = GaussianModel::from_signature(b);
    return jensen_shannon_ ? jensen_shannon(p, q) : symmetric_kl(p, q);
}

}  // namespace timbre::plugins
