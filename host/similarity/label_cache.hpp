// SPDX-License-Identifier: GPL-3.0-or-later
// What a library reads for every track besides its signatures (each labels output's answer,
// the tempo, key, energy and loudness) kept beside the store (`timbre.db.similarity/labels`):
// taken from about 190,000 stored outputs at 14,436 tracks, parsing them was half of what
// opening the library took for every command. The file holds the answers as the catalogue
// derived them, for one store version (results/store_version): any track added, analysed
// again or removed makes it stale, and it is then derived again and rewritten. Like the rest
// of that folder a cache: a missing, stale or damaged file costs time, never a different answer.
#pragma once

#include <filesystem>
#include <vector>

#include "results/store_version.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

class LabelCache {
public:
    explicit LabelCache(const std::filesystem::path& store);

    // Fills each track's labels, tempo, key, energy and loudness if the file was written from
    // `version` for exactly these tracks (the same rows in the same order); returns false and
    // leaves every track as it was otherwise.
    bool read(const StoreVersion& version, std::vector<CatalogueTrack>& tracks) const;
    // Written whole to a temporary file, then renamed over the old one. Throws timbre::Error
    // naming the file when it cannot be written.
    void save(const StoreVersion& version, const std::vector<CatalogueTrack>& tracks) const;

    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
};

}  // namespace timbre::host
