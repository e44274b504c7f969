// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only, on a connection of its own that lives for one query: the writer (WAL mode) is
// never blocked, and the answer reflects every committed transaction.
#include "results/store_version.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "results/store_connection.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

StoreVersion read_store_version(SQLite::Database& database) {
    SQLite::Statement query(database,
                            "SELECT (SELECT count(*) FROM tracks), (SELECT coalesce(max(id), 0) FROM tracks), "
                            "coalesce(max(id), 0), coalesce((SELECT finished_at IS NOT NULL FROM runs "
                            "ORDER BY id DESC LIMIT 1), 1), coalesce((SELECT started_at FROM runs "
                            "ORDER BY id DESC LIMIT 1), ''), coalesce((SELECT started_at FROM runs ORDER BY id "
                            "LIMIT 1), '') FROM runs");
    query.executeStep();
    return {query.getColumn(0).getInt64(), query.getColumn(1).getInt64(), query.getColumn(2).getInt64(),
            query.getColumn(4).getString(), query.getColumn(5).getString(), query.getColumn(3).getInt() != 0};
}

StoreVersion read_store_version(const std::filesystem::path& store) {
    try {
        auto database = open_store_connection(store, SQLite::OPEN_READONLY);
        return read_store_version(database);
    } catch (const SQLite::Exception& error) {
        throw Error(store.string() + ": cannot read the store's version: " + error.what());
    }
}

}  // namespace timbre::host
