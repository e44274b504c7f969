// SPDX-License-Identifier: GPL-3.0-or-later
// Lines are written with one fwrite + fflush each, so a kill leaves at most one partial
// final line, which the next appending writer trims.
#include "results/jsonl_writer.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "results/json_text.hpp"
#include "results/value_json.hpp"

namespace timbre::host {

namespace {
void trim_partial_last_line(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error || size == 0) {
        return;
    }
    std::ifstream in(path, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (content.back() == '\n') {
        return;
    }
    const auto last_newline = content.rfind('\n');
    std::filesystem::resize_file(path, last_newline == std::string::npos ? 0 : last_newline + 1);
}
}  // namespace

JsonLinesWriter::JsonLinesWriter(const std::filesystem::path& file, bool append) : path_(file) {
    if (append) {
        trim_partial_last_line(file);
    }
    file_ = std::fopen(file.c_str(), append ? "ab" : "wb");
    if (!file_) {
        throw Error("cannot open " + file.string() + " for writing: " + std::strerror(errno));
    }
}

JsonLinesWriter::~JsonLinesWriter() { std::fclose(file_); }

void JsonLinesWriter::add(const TrackResult& result) {
    pending_[result.index] = result.status == TrackStatus::skipped ? "" : json_text(track_to_json(result)) + "\n";
    write_ready();
}

void JsonLinesWriter::write_ready() {
    for (auto it = pending_.find(next_index_); it != pending_.end(); it = pending_.find(next_index_)) {
        const std::string& line = it->second;
        if (!line.empty() && (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)) {
            throw Error("cannot write to " + path_.string() + ": " + std::strerror(errno));
        }
        pending_.erase(it);
        ++next_index_;
    }
}

}  // namespace timbre::host
