// SPDX-License-Identifier: GPL-3.0-or-later
// The host's check that a plugin's numbers are numbers: NaN or infinity in an output would
// reach the store as null, and every model and distance downstream, without anyone saying
// which plugin made it. Checked at the node boundary, before any other node reads it.
#pragma once

#include <optional>
#include <string>

#include "timbre/values.hpp"

namespace timbre::host {

// Where `value` first holds infinity, or NaN unless `nan_is_unknown` (the port declares NaN
// as "not measured"): "NaN at 'mfcc3_mean'", "infinity in frame 12, bin 3"; nullopt when
// every number is finite.
std::optional<std::string> first_non_finite(const Value& value, bool nan_is_unknown);

}  // namespace timbre::host
