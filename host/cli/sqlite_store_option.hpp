// SPDX-License-Identifier: GPL-3.0-or-later
// `--db` of the commands that read a library (similar, playlist, playlists, tracks, serve):
// an SQLite file. A PostgreSQL address, which `analyze` writes to, is refused while the
// command line is parsed, with the one command that brings it to such a file.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace timbre::host {

// Adds the required option to `command`, storing into `store` (which must outlive parsing).
void add_sqlite_store_option(CLI::App& command, std::string& store, const std::string& description);

}  // namespace timbre::host
