// Words of a text for bag-of-words models: ICU's word boundaries (Unicode-aware: accents,
// apostrophes inside words, scripts without spaces), case-folded, punctuation and pure
// numbers dropped.
#pragma once

#include <string>
#include <vector>

namespace timbre::plugins {

// UTF-8 in, case-folded UTF-8 words out, in text order.
std::vector<std::string> word_tokens(const std::string& utf8_text);

}  // namespace timbre::plugins
