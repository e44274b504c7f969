// SPDX-License-Identifier: GPL-3.0-or-later
// What a library reads for every track besides its signatures (each labels output's answer,
// the tempo, key, energy and loudness) kept beside the store (`timbre.db.similarity/labels`):
// taken from about 190,000 stored outputs at 14,436 tracks, parsing them was half of what
// opening the library took for every command. The file holds the answers as the catalogue
// derived them, with the store version it was written from (results/store_version): after a
// track is added or analysed again only that track's are derived, and the file is rewritten.
// Like the rest of that folder a cache: a missing, stale or damaged file costs time, never a
// different answer.
#pragma once

#include <filesystem>
#include <vector>

#include "results/store_version.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

// What LabelCache::read found.
struct KeptLabels {
    std::vector<std::size_t> missing;  // the tracks it did not fill, in order
    bool current = false;              // written from this very version: nothing to write again
};

class LabelCache {
public:
    explicit LabelCache(const std::filesystem::path& store);

    // Fills the labels, tempo, key, energy and loudness of each track whose row the file
    // holds, if it was written from this store (any earlier version of it); the others, every
    // track when the file is missing, damaged or another store's, are left as they were and
    // listed for the caller to derive.
    KeptLabels read(const StoreVersion& version, std::vector<CatalogueTrack>& tracks) const;
    // Written whole to a temporary file, then renamed over the old one. Throws timbre::Error
    // naming the file when it cannot be written.
    void save(const StoreVersion& version, const std::vector<CatalogueTrack>& tracks) const;

    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
};

}  // namespace timbre::host
