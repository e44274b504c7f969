// SPDX-License-Identifier: GPL-3.0-or-later
// Where a library's similarity state survives between commands: a folder beside the results
// store (`timbre.db` -> `timbre.db.similarity/`) with, per mix of metrics, the tracks'
// mutual-proximity scales against a reference sample (`<mix>.scales`), the principal
// subspace of the sample's joint embeddings (`<mix>.subspace`), the nearest-neighbour
// index (`<mix>.hnsw`) and the web page's map (`<mix>.map`); the tracks' signatures, for every mix, are in `signatures`
// (similarity/signature_cache.hpp). All are caches: deleting the folder costs time, never
// results. A mix is named by a hash of its metrics' configurations and weights, so a
// changed metric or weight never reads another mix's files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "similarity/neighbour_layout.hpp"
#include "similarity/principal_subspace.hpp"
#include "similarity/proximity_scale.hpp"

namespace timbre::host {

struct StoredScales {
    std::vector<std::int64_t> sample;  // track ids of the reference sample
    std::size_t scales_per_track = 0;  // one per metric, and one for the mix when it has several
    std::map<std::int64_t, std::vector<ProximityScale>> tracks;
};

// A track's place on a drawn map.
struct PlacedTrack {
    std::int64_t id = 0;  // the track row's id
    MapPoint point;
};

// A library's map as drawn: the fingerprint of what it was drawn from, and each track's place.
struct KeptMap {
    std::string library;
    std::vector<PlacedTrack> tracks;
};

class SimilarityCache {
public:
    // Whether the save_* calls write: a library with visiting tracks (a query by a file the
    // store does not hold) reads what is kept and leaves it as the store's own tracks made it.
    enum class Writes : bool { skipped, made };

    // `mix`: a text naming everything the scales depend on (each metric's node and
    // configuration, each weight, the sample size).
    SimilarityCache(const std::filesystem::path& store, const std::string& mix, Writes writes = Writes::made);

    bool writable() const { return writes_ == Writes::made; }

    // nullopt when there are none yet or the file is unreadable (then they are recomputed).
    std::optional<StoredScales> load_scales() const;
    // Written whole to a temporary file, then renamed over the old one. Throws timbre::Error
    // naming the file when it cannot be written.
    void save_scales(const StoredScales& scales) const;

    // The subspace fitted on sample rows whose fingerprint (hash of every number fitted on)
    // is `rows`; nullopt when none was kept for exactly those rows, or the file is unreadable.
    std::optional<PrincipalSubspace> load_subspace(const std::string& rows) const;
    // As save_scales.
    void save_subspace(const std::string& rows, const PrincipalSubspace& subspace) const;

    // The last map drawn for this mix, whichever library it was drawn for; nullopt when there
    // is none or the file is unreadable.
    std::optional<KeptMap> load_map() const;
    // As save_scales.
    void save_map(const KeptMap& map) const;

    std::filesystem::path index_file() const { return folder_ / (key_ + ".hnsw"); }
    std::filesystem::path scales_file() const { return folder_ / (key_ + ".scales"); }
    std::filesystem::path subspace_file() const { return folder_ / (key_ + ".subspace"); }
    std::filesystem::path map_file() const { return folder_ / (key_ + ".map"); }

private:
    // replace_file() when writable, else nothing.
    void replace(const std::filesystem::path& file, const std::string& what,
                 const std::function<void(std::ostream&)>& write) const;

    std::filesystem::path folder_;
    std::string key_;
    Writes writes_;
};

}  // namespace timbre::host
