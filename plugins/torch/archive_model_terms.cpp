// SPDX-License-Identifier: GPL-3.0-or-later
// A model saved without terms has no entry, so an older model file still loads.
#include "archive_model_terms.hpp"

#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {
constexpr const char* kTermsEntry = "data_terms";
}

void write_terms_entry(torch::serialize::OutputArchive& archive, const std::optional<DataTerms>& terms) {
    if (terms) {
        archive.write(kTermsEntry, c10::IValue(data_terms_text(*terms)));
    }
}

std::optional<DataTerms> read_terms_entry(torch::serialize::InputArchive& archive, const std::string& file) {
    c10::IValue text;
    if (!archive.try_read(kTermsEntry, text)) {
        return std::nullopt;
    }
    try {
        return parse_data_terms(text.toStringRef());
    } catch (const Error& error) {
        throw Error(file + ": " + error.what());
    }
}

std::optional<DataTerms> ArchiveModelTerms::read_terms(const std::filesystem::path& model_file) const {
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(model_file.string());
    } catch (const c10::Error& error) {
        throw Error(model_file.string() + " is not a libtorch model archive: " + error.what_without_backtrace());
    }
    return read_terms_entry(archive, model_file.string());
}

}  // namespace timbre::plugins
