// SPDX-License-Identifier: GPL-3.0-or-later
// Full precision (17 digits), so a standardisation read back is the one trained.
#include "model_attributes.hpp"

#include <sstream>

namespace timbre::plugins {

std::string numbers_text(const std::vector<double>& values) {
    std::ostringstream out;
    out.precision(17);
    for (std::size_t i = 0; i < values.size(); ++i) {
        out << (i ? " " : "") << values[i];
    }
    return out.str();
}

std::vector<double> parse_numbers(const std::string& text) {
    std::vector<double> values;
    std::istringstream in(text);
    for (double value; in >> value;) {
        values.push_back(value);
    }
    return values;
}

}  // namespace timbre::plugins
