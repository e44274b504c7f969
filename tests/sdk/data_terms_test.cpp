// SPDX-License-Identifier: GPL-3.0-or-later
// The data terms' text form, which every model file keeps: it reads back what it wrote, and
// refuses text it did not write rather than guessing a use.
#include <catch2/catch.hpp>

#include "timbre/data_terms.hpp"
#include "timbre/error.hpp"

using namespace timbre;

TEST_CASE("data terms read back exactly as written, empty licence and source included", "[sdk]") {
    const DataTerms full{DataUse::non_commercial, "CC BY-NC-SA 3.0", "Emotify: Magnatune clips, 2015"};
    CHECK(parse_data_terms(data_terms_text(full)) == full);
    const DataTerms bare{DataUse::unrestricted, "", ""};
    CHECK(parse_data_terms(data_terms_text(bare)) == bare);
    for (const DataUse use : {DataUse::unrestricted, DataUse::non_commercial, DataUse::research_only}) {
        CHECK(data_use_named(data_use_name(use)) == use);
    }
}

TEST_CASE("data terms refuse an unknown use, a wrong line count and a licence of two lines", "[sdk]") {
    CHECK_FALSE(data_use_named("commercial"));
    CHECK_THROWS_WITH(parse_data_terms("commercial\nCC0\nmine"), Catch::Contains("unknown use 'commercial'"));
    CHECK_THROWS_WITH(parse_data_terms("unrestricted\nCC0"), Catch::Contains("three lines"));
    CHECK_THROWS_WITH(parse_data_terms("unrestricted\nCC0\nmine\nmore"), Catch::Contains("three lines"));
    CHECK_THROWS_WITH(data_terms_text({DataUse::unrestricted, "CC0\nor not", ""}), Catch::Contains("licence must be one line"));
}
