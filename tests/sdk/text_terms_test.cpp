// SPDX-License-Identifier: GPL-3.0-or-later
// The SDK's word tokens are what every text model sees, so their handling of Unicode,
// punctuation, apostrophes and numbers is pinned here, with word pairs and vocabulary choice.
#include <catch2/catch.hpp>

#include "timbre/error.hpp"
#include "timbre/text/line_list.hpp"
#include "timbre/text/terms.hpp"

using namespace timbre::text;
using Words = std::vector<std::string>;

TEST_CASE("word tokens fold case, keep accents and inner apostrophes, drop punctuation and numbers", "[text]") {
    CHECK(word_tokens("Don't STOP me now!!! 1979, baby...") == Words{"don't", "stop", "me", "now", "baby"});
    CHECK(word_tokens("Ça plane pour MOI — Über Straße") == Words{"ça", "plane", "pour", "moi", "über", "strasse"});
    CHECK(word_tokens("«Любовь» и «ДОЖДЬ»") == Words{"любовь", "и", "дождь"});
    CHECK(word_tokens("  \n\t?! -- ''").empty());
}

TEST_CASE("scripts without spaces are split into words", "[text]") {
    const Words words = word_tokens("今天天气很好我们去公园");
    CHECK(words.size() >= 2);
    std::string joined;
    for (const auto& word : words) {
        joined += word;
    }
    CHECK(joined == "今天天气很好我们去公园");
}

TEST_CASE("terms are the words then each adjacent pair", "[text]") {
    CHECK(unigrams_and_bigrams({"a", "b", "c"}) == Words{"a", "b", "c", "a b", "b c"});
    CHECK(unigrams_and_bigrams({}).empty());
    CHECK(word_and_pair_terms("Hold ON, hold") == Words{"hold", "on", "hold", "hold on", "on hold"});
}

TEST_CASE("the vocabulary keeps terms in enough texts, the most widespread first, alphabetically", "[text]") {
    const std::vector<Words> documents{{"love", "rain", "love"}, {"love", "sun"}, {"rain", "sun", "love"}, {"moon"}};
    const auto terms = frequent_terms(documents, 2, 2);
    REQUIRE(terms.size() == 2);
    CHECK(terms[0].term == "love");
    CHECK(terms[0].documents == 3);
    CHECK(terms[1].term == "rain");  // rain and sun tie at 2; the tie goes to the earlier term
    CHECK_THROWS_AS(frequent_terms(documents, 5, 10), timbre::Error);
}

TEST_CASE("a line list round-trips names with spaces and punctuation", "[text]") {
    const Words names{"r&b", "hip hop", "ça va"};
    CHECK(split_lines(join_lines(names)) == names);
}
