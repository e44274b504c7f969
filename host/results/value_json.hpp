// SPDX-License-Identifier: GPL-3.0-or-later
// The one JSON form of every port value, shared by the JSONL output and the store's
// `features.json` column so the two never disagree.
#pragma once

#include <nlohmann/json.hpp>

#include "executor/track_result.hpp"
#include "timbre/values.hpp"

namespace timbre::host {

// {"type": "vector", "values": {"name": 1.0, ...}}, {"type": "scalar", "value": 1, "unit": "dB"}, ...
nlohmann::ordered_json value_to_json(const Value& value);

// The whole record of a track, as one JSONL line holds it. Lyrics are never included, only
// whether the file has them.
nlohmann::ordered_json track_to_json(const TrackResult& result);

}  // namespace timbre::host
