// How the XGBoost classifiers keep their own metadata (classes, feature names, scaling,
// vocabulary) inside the model file, as XGBoost string attributes: lists joined by newlines,
// numbers as space-separated decimals with full precision.
#pragma once

#include <string>
#include <vector>

namespace timbre::plugins {

std::string join_lines(const std::vector<std::string>& parts);
std::vector<std::string> split_lines(const std::string& text);
std::string numbers_text(const std::vector<double>& values);
std::vector<double> parse_numbers(const std::string& text);

}  // namespace timbre::plugins
