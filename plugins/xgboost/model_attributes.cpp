// Newline is the separator because XGBoost's JSON reader keeps "\n" but not "\u" escapes.
#include "model_attributes.hpp"

#include <sstream>

namespace timbre::plugins {

std::string join_lines(const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        text += (i ? "\n" : "") + parts[i];
    }
    return text;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, '\n')) {
        parts.push_back(part);
    }
    return parts;
}

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
