// SPDX-License-Identifier: GPL-3.0-or-later
// The vocabulary is the SDK's frequent_terms; this file adds the idf weights and the rows.
#include "tfidf.hpp"

#include <cmath>

#include "timbre/error.hpp"
#include "timbre/text/terms.hpp"

namespace timbre::plugins {

TfidfVocabulary TfidfVocabulary::fit(const std::vector<std::vector<std::string>>& documents, const Params& params) {
    const std::vector<text::TermCount> ranked = text::frequent_terms(documents, params);
    std::vector<std::string> terms;
    std::vector<double> idf;
    const double n = static_cast<double>(documents.size());
    for (const auto& [term, count] : ranked) {
        terms.push_back(term);
        idf.push_back(std::log((1.0 + n) / (1.0 + static_cast<double>(count))) + 1.0);
    }
    return TfidfVocabulary(std::move(terms), std::move(idf));
}

TfidfVocabulary::TfidfVocabulary(std::vector<std::string> terms, std::vector<double> idf)
    : terms_(std::move(terms)), idf_(std::move(idf)) {
    if (terms_.size() != idf_.size()) {
        throw Error("vocabulary has " + std::to_string(terms_.size()) + " terms but " + std::to_string(idf_.size()) +
                    " idf weights");
    }
    for (std::size_t i = 0; i < terms_.size(); ++i) {
        index_[terms_[i]] = static_cast<unsigned>(i);
    }
}

void TfidfVocabulary::add_row(const std::vector<std::string>& tokens, SparseRows& rows) const {
    std::map<unsigned, double> counts;
    for (const auto& token : tokens) {
        if (const auto it = index_.find(token); it != index_.end()) {
            counts[it->second] += 1.0;
        }
    }
    double norm = 0.0;
    for (auto& [column, value] : counts) {
        value = (1.0 + std::log(value)) * idf_[column];
        norm += value * value;
    }
    norm = norm > 0.0 ? std::sqrt(norm) : 1.0;
    for (const auto& [column, value] : counts) {
        rows.columns.push_back(column);
        rows.values.push_back(static_cast<float>(value / norm));
    }
    rows.row_starts.push_back(rows.columns.size());
    rows.column_count = terms_.size();
}

}  // namespace timbre::plugins
