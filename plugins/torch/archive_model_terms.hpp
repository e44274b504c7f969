// SPDX-License-Identifier: GPL-3.0-or-later
// The data terms of a libtorch model archive, shared by the three libtorch plugins: one
// string entry, "data_terms", beside the network. Each plugin writes it in its own save()
// (write_terms loads the plugin's model, sets its terms and saves it again, since an archive
// cannot be amended in place); reading needs only the entry, so it is done here once.
#pragma once

#include <torch/torch.h>

#include <optional>

#include "timbre/data_terms.hpp"

namespace timbre::plugins {

void write_terms_entry(torch::serialize::OutputArchive& archive, const std::optional<DataTerms>& terms);
std::optional<DataTerms> read_terms_entry(torch::serialize::InputArchive& archive, const std::string& file);

class ArchiveModelTerms : public virtual ModelFileTerms {
public:
    std::optional<DataTerms> read_terms(const std::filesystem::path& model_file) const override;
};

}  // namespace timbre::plugins
