// SPDX-License-Identifier: GPL-3.0-or-later
// The terms text models count: ICU word tokens (Unicode-aware: accents, apostrophes inside
// words, scripts without spaces; case-folded; punctuation and pure numbers dropped), word
// pairs, and the vocabulary of terms frequent enough in training texts to learn from. In the
// SDK so every text model — built-in or third-party — reads lyrics the same way.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "timbre/params.hpp"

namespace timbre::text {

// UTF-8 in, case-folded UTF-8 words out, in text order.
std::vector<std::string> word_tokens(const std::string& utf8_text);

// The document's terms: its words, then each adjacent pair joined by a space.
std::vector<std::string> unigrams_and_bigrams(const std::vector<std::string>& words);

// A text's terms as the built-in text models count them: unigrams_and_bigrams(word_tokens(text)).
std::vector<std::string> word_and_pair_terms(const std::string& utf8_text);

struct TermCount {
    std::string term;
    std::size_t documents;  // how many texts contain it
};

// Terms found in at least min_documents of the texts, the max_terms most widespread kept
// (ties broken by the term, for determinism), in alphabetical order. Throws timbre::Error
// when no term is frequent enough.
std::vector<TermCount> frequent_terms(const std::vector<std::vector<std::string>>& documents,
                                      std::size_t min_documents, std::size_t max_terms);

// The vocabulary rule as parameters a text model declares (min_documents, max_terms), so
// every text model offers the same two with the same defaults; and frequent_terms() with
// their configured values.
std::vector<ParamSpec> vocabulary_params();
std::vector<TermCount> frequent_terms(const std::vector<std::vector<std::string>>& documents, const Params& params);

}  // namespace timbre::text
