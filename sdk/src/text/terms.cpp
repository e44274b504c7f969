// SPDX-License-Identifier: GPL-3.0-or-later
// Word pairs, vocabulary selection and its parameters; word_tokens.cpp holds the ICU tokenizer.
#include <algorithm>
#include <map>
#include <set>

#include "timbre/error.hpp"
#include "timbre/text/terms.hpp"

namespace timbre::text {

std::vector<std::string> unigrams_and_bigrams(const std::vector<std::string>& words) {
    std::vector<std::string> terms(words);
    for (std::size_t i = 1; i < words.size(); ++i) {
        terms.push_back(words[i - 1] + " " + words[i]);
    }
    return terms;
}

std::vector<std::string> word_and_pair_terms(const std::string& utf8_text) {
    return unigrams_and_bigrams(word_tokens(utf8_text));
}

std::vector<TermCount> frequent_terms(const std::vector<std::vector<std::string>>& documents,
                                      std::size_t min_documents, std::size_t max_terms) {
    std::map<std::string, std::size_t> document_frequency;
    for (const auto& document : documents) {
        for (const auto& term : std::set<std::string>(document.begin(), document.end())) {
            ++document_frequency[term];
        }
    }
    std::vector<TermCount> ranked;
    for (const auto& [term, count] : document_frequency) {
        if (count >= min_documents) {
            ranked.push_back({term, count});
        }
    }
    std::sort(ranked.begin(), ranked.end(), [](const TermCount& a, const TermCount& b) {
        return a.documents != b.documents ? a.documents > b.documents : a.term < b.term;
    });
    if (ranked.size() > max_terms) {
        ranked.resize(max_terms);
    }
    if (ranked.empty()) {
        throw Error("no term occurs in " + std::to_string(min_documents) + " or more training texts");
    }
    std::sort(ranked.begin(), ranked.end(), [](const TermCount& a, const TermCount& b) { return a.term < b.term; });
    return ranked;
}

std::vector<ParamSpec> vocabulary_params() {
    return {
        {"min_documents", ParamType::integer, std::int64_t{2}, 1, 1000, {}, "texts",
         "keep terms that occur in at least this many training texts"},
        {"max_terms", ParamType::integer, std::int64_t{20000}, 10, 1000000, {}, "", "vocabulary size cap"},
    };
}

std::vector<TermCount> frequent_terms(const std::vector<std::vector<std::string>>& documents, const Params& params) {
    return frequent_terms(documents, static_cast<std::size_t>(params.integer("min_documents")),
                          static_cast<std::size_t>(params.integer("max_terms")));
}

}  // namespace timbre::text
