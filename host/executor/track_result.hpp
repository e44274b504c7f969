// SPDX-License-Identifier: GPL-3.0-or-later
// Everything one track's analysis produced, success or failure, as handed to the outputs
// (store, JSONL, CSV, progress). A failure carries the stage and the reason in one sentence.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "decode/tag_reader.hpp"
#include "timbre/plugin.hpp"

namespace timbre::host {

enum class TrackStatus { ok, failed, skipped };

std::string to_string(TrackStatus status);

struct TrackResult {
    std::size_t index = 0;            // position in the run's track list
    std::filesystem::path path;
    TrackStatus status = TrackStatus::failed;
    std::string error;                // "decode: file is empty (0 bytes)"; empty when ok
    std::string content_hash;
    TrackTags tags;
    std::string format;
    double source_rate_hz = 0.0;
    int source_channels = 0;
    double duration_seconds = 0.0;    // of the whole file
    double analysed_seconds = 0.0;    // of audio actually analysed (the window)
    double elapsed_seconds = 0.0;     // wall time spent on this track
    std::map<std::string, SharedValue> outputs;  // "node.port" -> value
    std::map<std::string, std::string> skipped_nodes;  // optional nodes that failed (and their readers) -> why
    std::vector<std::string> warnings;  // "decode: the MP3 header suggests 0.73 s but ...": analysed anyway
};

}  // namespace timbre::host
