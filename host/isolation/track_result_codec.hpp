// SPDX-License-Identifier: GPL-3.0-or-later
// A TrackResult as it crosses from an isolated worker process to the parent: every field and
// every value exactly (floats as their bytes, NaN kept), so a track analysed in a child is
// stored exactly as one analysed on a thread. Not a file format: both ends are one build.
#pragma once

#include <nlohmann/json.hpp>

#include "executor/track_result.hpp"

namespace timbre::host {

nlohmann::json encode_track_result(const TrackResult& result);

// Throws timbre::Error if `json` is not what encode_track_result wrote.
TrackResult decode_track_result(const nlohmann::json& json);

}  // namespace timbre::host
