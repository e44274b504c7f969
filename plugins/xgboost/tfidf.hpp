// SPDX-License-Identifier: GPL-3.0-or-later
// TF-IDF vectors over words and word pairs, learned from training texts: terms seen in at
// least min_documents texts, the max_terms most frequent kept; sublinear term frequency
// (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), each vector L2-normalised, the
// same definition as scikit-learn's TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2)).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "booster.hpp"
#include "timbre/params.hpp"

namespace timbre::plugins {

class TfidfVocabulary {
public:
    // The vocabulary by the SDK's rule, with the text model's min_documents and max_terms.
    static TfidfVocabulary fit(const std::vector<std::vector<std::string>>& documents, const Params& params);
    TfidfVocabulary(std::vector<std::string> terms, std::vector<double> idf);

    // Appends one document's row to `rows` (terms outside the vocabulary are ignored).
    void add_row(const std::vector<std::string>& tokens, SparseRows& rows) const;

    const std::vector<std::string>& terms() const { return terms_; }
    const std::vector<double>& idf() const { return idf_; }

private:
    std::vector<std::string> terms_;
    std::vector<double> idf_;
    std::map<std::string, unsigned> index_;
};

}  // namespace timbre::plugins
