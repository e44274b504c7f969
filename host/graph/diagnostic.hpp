// SPDX-License-Identifier: GPL-3.0-or-later
// A problem found in a pipeline config, located by file:line:column so an editor can jump
// to it. Validation collects every diagnostic it can before reporting, not just the first.
#pragma once

#include <string>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::host {

// 1-based line and column in the config file; `file` names an included file the element
// came from (empty: the config being loaded). Line 0: the element came from the command
// line, and `file` says which option.
struct SourcePosition {
    int line = 0;
    int column = 0;
    std::string file;
};

struct Diagnostic {
    std::string file;
    SourcePosition position;
    std::string message;

    // "configs/x.yaml:12:7: error: unknown plugin 'timbre.mfc'"; without a line (line 0),
    // "--set genre.epoch=10: error: unknown parameter 'epoch' ..."
    std::string text() const;
};

// Thrown when a config cannot be used; what() lists every diagnostic, one per line.
class ConfigError : public Error {
public:
    explicit ConfigError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace timbre::host
