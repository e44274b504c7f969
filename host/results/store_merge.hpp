// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre merge`: the stores that shards of one library wrote on separate machines (for sites
// without PostgreSQL), gathered into one. Every run is kept with its tracks, features and
// labels under new ids; a track the target already holds (same pipeline, path and content,
// or the same failure) is not copied again, so merging twice, or overlapping shards, leaves
// each track once.
#pragma once

#include <cstddef>
#include <filesystem>

namespace timbre::host {

struct MergeCounts {
    std::size_t runs = 0;
    std::size_t tracks_added = 0;
    std::size_t tracks_already_there = 0;
};

// Adds `source` to the store `target` (created if missing) in one transaction: a failure
// leaves `target` as it was. Both are brought up to the current schema first; a store of an
// unknown schema is refused by name. Throws timbre::Error naming the file.
MergeCounts merge_store(const std::filesystem::path& target, const std::filesystem::path& source);

}  // namespace timbre::host
