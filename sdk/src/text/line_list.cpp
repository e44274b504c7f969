// SPDX-License-Identifier: GPL-3.0-or-later
// Names never hold a newline: class labels come from CSV cells or folder names, and terms
// are ICU words.
#include "timbre/text/line_list.hpp"

#include <sstream>

namespace timbre::text {

std::string join_lines(const std::vector<std::string>& lines) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        text += (i ? "\n" : "") + lines[i];
    }
    return text;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line, '\n');) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace timbre::text
