// SPDX-License-Identifier: GPL-3.0-or-later
// What a model was trained on, kept beside it so that `evaluate` can refuse to score a model
// on its own training examples: a leaking split must fail loudly, not report a flattering
// figure. The fingerprint is `<model file>.trained-on`: one line per training example, the
// first 16 hex digits of its identity (Example::key), sorted; no text or path of the data.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ml/dataset.hpp"

namespace timbre::host {

class TrainingFingerprint {
public:
    // The fingerprint of `examples` of `dataset` (indices into its examples).
    TrainingFingerprint(const Dataset& dataset, const std::vector<std::size_t>& examples);

    // The fingerprint stored beside `model_file`, or nullopt if there is none (a model trained
    // before fingerprints, or copied without it). Throws timbre::Error naming a malformed line.
    static std::optional<TrainingFingerprint> read_beside(const std::filesystem::path& model_file);

    // Writes `<model_file>.trained-on`; throws timbre::Error naming the file if it cannot.
    void write_beside(const std::filesystem::path& model_file) const;

    bool contains(const Example& example) const;
    std::size_t size() const { return digests_.size(); }

    static std::filesystem::path file_beside(const std::filesystem::path& model_file);

private:
    TrainingFingerprint() = default;
    std::set<std::string> digests_;
};

}  // namespace timbre::host
