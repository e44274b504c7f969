// SPDX-License-Identifier: GPL-3.0-or-later
// Parse errors become CLI11 validation errors, so they are reported like any other bad option.
#include "cli/param_override_option.hpp"

namespace timbre::host {

void add_param_override_option(CLI::App& command, std::vector<ParamOverride>& overrides, const std::string& example) {
    command
        .add_option_function<std::vector<std::string>>(
            "--set",
            [&overrides](const std::vector<std::string>& texts) {
                for (const std::string& text : texts) {
                    try {
                        overrides.push_back(parse_param_override(text));
                    } catch (const Error& error) {
                        throw CLI::ValidationError(error.what());
                    }
                }
            },
            "Change one node parameter for this run, NODE.PARAM=VALUE (repeatable), e.g. " + example)
        ->type_name("NODE.PARAM=VALUE");
}

}  // namespace timbre::host
