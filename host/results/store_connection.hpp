// SPDX-License-Identifier: GPL-3.0-or-later
// Every connection to an SQLite results store opens here, so that every one waits for
// another command's write instead of failing at once: two `timbre analyze` runs into one
// store, or `timbre serve` saving a playlist while an analysis writes, take turns per
// transaction (a track's rows), which SQLite's default of not waiting at all turned into
// "database is locked".
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <string>

namespace timbre::host {

// How long a connection waits for another connection's write transaction to end.
constexpr int kStoreWaitMs = 60'000;

// `flags` as SQLiteCpp takes them (SQLite::OPEN_READONLY, OPEN_READWRITE, OPEN_CREATE).
SQLite::Database open_store_connection(const std::filesystem::path& store, int flags);

// What to add to an SQLite error's message when it is the wait above running out.
std::string why_store_was_busy(int sqlite_error_code);

}  // namespace timbre::host
