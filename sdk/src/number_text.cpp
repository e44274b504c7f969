// SPDX-License-Identifier: GPL-3.0-or-later
// std::to_chars without a precision gives the shortest round trip; `general` picks fixed or
// scientific notation as %g does.
#include "timbre/number_text.hpp"

#include <charconv>

namespace timbre {

std::string number_text(double value) {
    char text[32];  // the longest shortest double, "-2.2250738585072014e-308", is 24
    const auto written = std::to_chars(text, text + sizeof text, value, std::chars_format::general);
    return std::string(text, written.ptr);
}

}  // namespace timbre
