// SPDX-License-Identifier: GPL-3.0-or-later
// Track lists are stored as JSON arrays of ids: a playlist is read and written whole, and a
// track id that later leaves the library is reported by the API, not cascaded away here.
#include "web/saved_playlists.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "results/json_text.hpp"
#include "results/store_connection.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

SavedPlaylist row_of(SQLite::Statement& query) {
    return {query.getColumn(0).getInt64(), query.getColumn(1).getString(),
            nlohmann::json::parse(query.getColumn(2).getString()).get<std::vector<std::int64_t>>(),
            query.getColumn(3).getString()};
}

constexpr const char* kColumns = "id, name, tracks, updated_at";

}  // namespace

SavedPlaylists::SavedPlaylists(std::filesystem::path store) : store_(std::move(store)) {
    try {
        open_store_connection(store_, SQLite::OPEN_READWRITE).exec(
            "CREATE TABLE IF NOT EXISTS saved_playlists (id INTEGER PRIMARY KEY, name TEXT NOT NULL, tracks TEXT NOT NULL,"
            " updated_at TEXT NOT NULL)");
    } catch (const SQLite::Exception& error) {
        throw Error("results store " + store_.string() + ": cannot keep saved playlists there: " + error.what());
    }
}

std::vector<SavedPlaylist> SavedPlaylists::list() const {
    auto database = open_store_connection(store_, SQLite::OPEN_READWRITE);
    SQLite::Statement query(database, std::string("SELECT ") + kColumns + " FROM saved_playlists ORDER BY name, id");
    std::vector<SavedPlaylist> playlists;
    while (query.executeStep()) {
        playlists.push_back(row_of(query));
    }
    return playlists;
}

std::optional<SavedPlaylist> SavedPlaylists::find(std::int64_t id) const {
    auto database = open_store_connection(store_, SQLite::OPEN_READWRITE);
    SQLite::Statement query(database, std::string("SELECT ") + kColumns + " FROM saved_playlists WHERE id = ?");
    query.bind(1, id);
    return query.executeStep() ? std::optional(row_of(query)) : std::nullopt;
}

SavedPlaylist SavedPlaylists::create(const std::string& name, const std::vector<std::int64_t>& tracks) const {
    auto database = open_store_connection(store_, SQLite::OPEN_READWRITE);
    SQLite::Statement insert(database, "INSERT INTO saved_playlists (name, tracks, updated_at) VALUES (?, ?, "
                                       "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
    insert.bind(1, name);
    insert.bind(2, json_text(nlohmann::json(tracks)));
    insert.exec();
    return *find(database.getLastInsertRowid());
}

std::optional<SavedPlaylist> SavedPlaylists::update(std::int64_t id, const std::optional<std::string>& name,
                                                    const std::optional<std::vector<std::int64_t>>& tracks) const {
    auto database = open_store_connection(store_, SQLite::OPEN_READWRITE);
    SQLite::Statement change(database, "UPDATE saved_playlists SET name = COALESCE(?, name), tracks = COALESCE(?, tracks), "
                                       "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
    if (name) {
        change.bind(1, *name);
    }
    if (tracks) {
        change.bind(2, json_text(nlohmann::json(*tracks)));
    }
    change.bind(3, id);
    return change.exec() > 0 ? find(id) : std::nullopt;
}

bool SavedPlaylists::remove(std::int64_t id) const {
    auto database = open_store_connection(store_, SQLite::OPEN_READWRITE);
    SQLite::Statement erase(database, "DELETE FROM saved_playlists WHERE id = ?");
    erase.bind(1, id);
    return erase.exec() > 0;
}

}  // namespace timbre::host
