// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers in messages read as written and back as the same double.
#include <catch2/catch.hpp>

#include <charconv>
#include <cmath>
#include <limits>

#include "timbre/number_text.hpp"

using namespace timbre;

TEST_CASE("number_text writes the shortest text that reads back as the same number", "[sdk]") {
    CHECK(number_text(10.0) == "10");
    CHECK(number_text(22050.0) == "22050");
    CHECK(number_text(0.1) == "0.1");
    CHECK(number_text(-2.5) == "-2.5");
    CHECK(number_text(1e-7) == "1e-07");
    CHECK(number_text(std::nan("")) == "nan");
    for (const double value : {1.0 / 3.0, 0.1 + 0.2, 123456.789, std::numeric_limits<double>::denorm_min(),
                               -std::numeric_limits<double>::max()}) {
        const std::string text = number_text(value);
        double read = 0.0;
        std::from_chars(text.data(), text.data() + text.size(), read);
        CHECK(read == value);
    }
}
