// SPDX-License-Identifier: GPL-3.0-or-later
// Writes one JSON line per track in the order the tracks were listed, whatever order they
// finish in, flushing each line as soon as every earlier track has been written.
#pragma once

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "executor/track_result.hpp"

namespace timbre::host {

class JsonLinesWriter {
public:
    // append: keep earlier lines (a resumed run adds to them; a line cut short by a killed
    // run is removed first). Throws timbre::Error naming the file if it cannot be opened.
    JsonLinesWriter(const std::filesystem::path& file, bool append);
    ~JsonLinesWriter();
    JsonLinesWriter(const JsonLinesWriter&) = delete;
    JsonLinesWriter& operator=(const JsonLinesWriter&) = delete;

    // Skipped tracks write nothing (their line is already there) but still release the order.
    void add(const TrackResult& result);

private:
    void write_ready();
    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
    std::size_t next_index_ = 0;
    std::map<std::size_t, std::string> pending_;  // index -> line ("" for nothing to write)
};

}  // namespace timbre::host
