// SPDX-License-Identifier: GPL-3.0-or-later
// The refusal is a CLI11 validation error, so it reads like any other bad option.
#include "cli/sqlite_store_option.hpp"

#include "results/store_address.hpp"

namespace timbre::host {

void add_sqlite_store_option(CLI::App& command, std::string& store, const std::string& description) {
    command.add_option("--db", store, description)
        ->required()
        ->check(CLI::Validator(
            [](const std::string& location) -> std::string {
                if (!names_postgres(location)) {
                    return {};
                }
                const std::string shown = without_password(location);
                return "this command reads an SQLite store, and " + shown +
                       " is a PostgreSQL server; copy it into one with `timbre merge library.db " + shown +
                       "` (again after each analysis: it adds only what is new) and pass --db library.db";
            },
            "SQLITE_FILE"));
}

}  // namespace timbre::host
