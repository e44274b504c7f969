// SPDX-License-Identifier: GPL-3.0-or-later
// How the XGBoost classifiers keep their own metadata (classes, feature names, scaling,
// vocabulary) inside the model file, as XGBoost string attributes: lists of names as the SDK's
// line lists, numbers as space-separated decimals with full precision.
#pragma once

#include <string>
#include <vector>

#include "timbre/text/line_list.hpp"

namespace timbre::plugins {

using text::join_lines;
using text::split_lines;
std::string numbers_text(const std::vector<double>& values);
std::vector<double> parse_numbers(const std::string& text);

}  // namespace timbre::plugins
