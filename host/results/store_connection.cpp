// SPDX-License-Identifier: GPL-3.0-or-later
// The wait is SQLite's busy timeout, set on the connection before its first statement.
#include "results/store_connection.hpp"

#include <sqlite3.h>

namespace timbre::host {

SQLite::Database open_store_connection(const std::filesystem::path& store, int flags) {
    return SQLite::Database(store.string(), flags, kStoreWaitMs);
}

std::string why_store_was_busy(int sqlite_error_code) {
    if ((sqlite_error_code & 0xff) != SQLITE_BUSY) {
        return "";
    }
    return " (another command kept the store locked for over " + std::to_string(kStoreWaitMs / 1000) +
           " s; try again when it has finished)";
}

}  // namespace timbre::host
