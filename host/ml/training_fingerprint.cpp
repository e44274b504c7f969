// SPDX-License-Identifier: GPL-3.0-or-later
// 64 bits of each identity: with 10^5 training and 10^5 held-out examples the chance of one
// false match is below 10^-8, and the file stays small enough to commit beside a model.
#include "ml/training_fingerprint.hpp"

#include <fstream>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
constexpr std::size_t kDigestLength = 16;
constexpr const char* kHeader = "# timbre training fingerprint: one line per training example";

std::string digest(const Example& example) { return example.key.substr(0, kDigestLength); }
}  // namespace

TrainingFingerprint::TrainingFingerprint(const Dataset& dataset, const std::vector<std::size_t>& examples) {
    for (std::size_t i : examples) {
        digests_.insert(digest(dataset.examples.at(i)));
    }
}

std::filesystem::path TrainingFingerprint::file_beside(const std::filesystem::path& model_file) {
    return model_file.string() + ".trained-on";
}

std::optional<TrainingFingerprint> TrainingFingerprint::read_beside(const std::filesystem::path& model_file) {
    const auto file = file_beside(model_file);
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    TrainingFingerprint fingerprint;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.starts_with('#')) {
            continue;
        }
        if (line.size() != kDigestLength || line.find_first_not_of("0123456789abcdef") != std::string::npos) {
            throw Error(file.string() + ":" + std::to_string(number) + ": not a training fingerprint line (" +
                        std::to_string(kDigestLength) + " lower-case hex digits)");
        }
        fingerprint.digests_.insert(line);
    }
    return fingerprint;
}

void TrainingFingerprint::write_beside(const std::filesystem::path& model_file) const {
    const auto file = file_beside(model_file);
    std::ofstream out(file, std::ios::binary);
    out << kHeader << "\n";
    for (const auto& digest : digests_) {
        out << digest << "\n";
    }
    if (!out) {
        throw Error("cannot write the training fingerprint " + file.string());
    }
}

bool TrainingFingerprint::contains(const Example& example) const { return digests_.contains(digest(example)); }

}  // namespace timbre::host
