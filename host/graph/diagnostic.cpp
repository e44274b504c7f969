// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of config diagnostics in the compiler-style form editors understand.
#include "graph/diagnostic.hpp"

namespace timbre::host {

std::string Diagnostic::text() const {
    if (position.line == 0) {
        return file + ": error: " + message;
    }
    return file + ":" + std::to_string(position.line) + ":" + std::to_string(position.column) + ": error: " + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& diagnostic : diagnostics) {
        text += (text.empty() ? "" : "\n") + diagnostic.text();
    }
    return text;
}
}  // namespace

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : Error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace timbre::host
