// SPDX-License-Identifier: GPL-3.0-or-later
// A BreakIterator per call: creating one costs microseconds, texts are lyrics-sized.
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>

#include "timbre/error.hpp"
#include "timbre/text/terms.hpp"

namespace timbre::text {

std::vector<std::string> word_tokens(const std::string& utf8_text) {
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8_text);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status)) {
        throw Error(std::string("ICU word breaking is unavailable: ") + u_errorName(status));
    }
    words->setText(text);
    std::vector<std::string> tokens;
    for (int32_t start = words->first(), end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
        const int32_t kind = words->getRuleStatus();
        const bool is_word = kind >= UBRK_WORD_LETTER && kind < UBRK_WORD_IDEO_LIMIT;
        if (!is_word) {
            continue;
        }
        icu::UnicodeString word = text.tempSubStringBetween(start, end);
        word.foldCase();
        std::string utf8;
        word.toUTF8String(utf8);
        tokens.push_back(std::move(utf8));
    }
    return tokens;
}

}  // namespace timbre::text
