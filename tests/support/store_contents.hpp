// SPDX-License-Identifier: GPL-3.0-or-later
// A results store as one text, for tests that compare two runs: every track row's path,
// status, content hash and error, and every stored output (a vector's names and numbers, not
// its layout id, which differs between stores). Equal texts, same analysis.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <sstream>
#include <string>

namespace timbre::test {

inline std::string store_contents(const std::filesystem::path& database) {
    SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
    std::ostringstream text;
    SQLite::Statement tracks(db, "SELECT path, status, content_hash, error FROM tracks ORDER BY path, id");
    while (tracks.executeStep()) {
        text << tracks.getColumn(0).getString() << " " << tracks.getColumn(1).getString() << " "
             << tracks.getColumn(2).getString() << " " << tracks.getColumn(3).getString() << "\n";
    }
    SQLite::Statement features(db, "SELECT t.path, f.output, f.json, l.names, hex(f.data) FROM features f "
                                   "JOIN tracks t ON t.id = f.track_id LEFT JOIN vector_layouts l ON l.id = f.layout "
                                   "ORDER BY t.path, f.output");
    while (features.executeStep()) {
        text << features.getColumn(0).getString() << " " << features.getColumn(1).getString() << " "
             << features.getColumn(2).getString() << " " << features.getColumn(3).getString() << " "
             << features.getColumn(4).getString() << "\n";
    }
    return text.str();
}

}  // namespace timbre::test
