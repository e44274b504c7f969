// SPDX-License-Identifier: GPL-3.0-or-later
// Playlists a listener saved from the web page, kept in the results store itself (table
// `saved_playlists`), so they travel with the library they name tracks of. Each call opens
// its own connection (WAL: readers never wait for an `analyze` writing the same store), so
// the service's worker threads need no lock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace timbre::host {

struct SavedPlaylist {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::int64_t> tracks;  // store track ids, in order
    std::string updated_at;            // UTC, ISO 8601
};

class SavedPlaylists {
public:
    // Creates the table if the store has none; throws timbre::Error naming the store if it
    // cannot be opened for writing.
    explicit SavedPlaylists(std::filesystem::path store);

    std::vector<SavedPlaylist> list() const;
    std::optional<SavedPlaylist> find(std::int64_t id) const;
    SavedPlaylist create(const std::string& name, const std::vector<std::int64_t>& tracks) const;
    // Changes the name, the tracks or both; nullopt if there is no such playlist.
    std::optional<SavedPlaylist> update(std::int64_t id, const std::optional<std::string>& name,
                                        const std::optional<std::vector<std::int64_t>>& tracks) const;
    bool remove(std::int64_t id) const;

private:
    std::filesystem::path store_;
};

}  // namespace timbre::host
