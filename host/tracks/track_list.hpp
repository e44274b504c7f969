// SPDX-License-Identifier: GPL-3.0-or-later
// Which files a run analyses: every argument that is a file, plus the audio files found
// recursively under every argument that is a folder, in a deterministic (sorted) order.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::host {

// One slice of a library for fanning a run out over machines: shard K of N (1-based).
struct Shard {
    unsigned index = 1;
    unsigned count = 1;
};

// Parses "K/N" with 1 <= K <= N; throws timbre::Error quoting the text otherwise.
Shard parse_shard(const std::string& text);

// Files named explicitly are kept whatever their extension (so a mistake gets a clear
// per-track error); inside folders only files with an audio extension are taken. A path
// that does not exist is kept too and fails as a track. Duplicates are dropped: two paths to
// one file or folder (symbolic links) are taken once, the first in sorted order.
std::vector<std::filesystem::path> collect_tracks(const std::vector<std::filesystem::path>& arguments, Shard shard);

// Whether `path` is `folder` or lies below it, by their names (normalised, not resolved: give
// both canonical where links matter).
bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder);

}  // namespace timbre::host
