// SPDX-License-Identifier: GPL-3.0-or-later
// One CSV row per track, one column per number: scalars as `node.port`, vector dimensions
// as `node.port.name`, label distributions as `node.port` (top label) and
// `node.port.<label>` (probabilities). Frames and audio are not tabular and are left out.
// Rows are kept in memory (they are small) and written in track order by write().
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "executor/track_result.hpp"

namespace timbre::host {

class ResultsCsv {
public:
    void add(const TrackResult& result);
    // Throws timbre::Error naming the file if it cannot be written.
    void write(const std::filesystem::path& file) const;

private:
    std::vector<std::string> columns_;
    std::map<std::string, std::size_t> column_index_;
    std::map<std::size_t, std::map<std::size_t, std::string>> rows_;  // track index -> column -> cell
    void set(std::size_t row, const std::string& column, std::string cell);
};

}  // namespace timbre::host
