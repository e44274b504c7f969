// SPDX-License-Identifier: GPL-3.0-or-later
// Reading passes over the trees where the file's format allows (saved_booster_attribute);
// writing loads the booster, adds the attribute and saves it again: the trees are untouched.
#include "booster_model_terms.hpp"

#include "booster.hpp"
#include "saved_booster_attribute.hpp"
#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {
constexpr const char* kTermsAttribute = "timbre_data_terms";
}

std::optional<DataTerms> BoosterModelTerms::read_terms(const std::filesystem::path& model_file) const {
    const auto text = saved_as_json(model_file) ? saved_booster_attribute(model_file, kTermsAttribute)
                                                : Booster::load(model_file).find_attribute(kTermsAttribute);
    if (!text) {
        return std::nullopt;
    }
    try {
        return parse_data_terms(*text);
    } catch (const Error& error) {
        throw Error(model_file.string() + ": " + error.what());
    }
}

void BoosterModelTerms::write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const {
    Booster booster = Booster::load(model_file);
    booster.set_attribute(kTermsAttribute, data_terms_text(terms));
    booster.save(model_file);
}

}  // namespace timbre::plugins
