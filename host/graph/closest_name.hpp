// SPDX-License-Identifier: GPL-3.0-or-later
// "Did you mean ...?" for misspelt plugin ids, parameters and ports in a config.
#pragma once

#include <string>
#include <vector>

namespace timbre::host {

// The candidate nearest to `name` by edit distance if it is close enough to be a likely
// typo (at most a third of the name's length), otherwise empty.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace timbre::host
