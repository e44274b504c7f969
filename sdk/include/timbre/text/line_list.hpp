// SPDX-License-Identifier: GPL-3.0-or-later
// Lists of names (classes, vocabulary terms) stored as one string in a model file, one name
// per line: XGBoost attributes and libtorch archives both keep a newline faithfully.
#pragma once

#include <string>
#include <vector>

namespace timbre::text {

std::string join_lines(const std::vector<std::string>& lines);
std::vector<std::string> split_lines(const std::string& text);

}  // namespace timbre::text
