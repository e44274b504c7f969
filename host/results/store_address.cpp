// SPDX-License-Identifier: GPL-3.0-or-later
// libpq accepts both URI schemes; anything else is a path.
#include "results/store_address.hpp"

#include <regex>

#include "results/postgres_result_store.hpp"

namespace timbre::host {

bool names_postgres(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string without_password(const std::string& location) {
    return std::regex_replace(location, std::regex("^(postgres(ql)?://[^:/@]*):[^@]*@"), "$1@");
}

std::unique_ptr<ResultStore> open_result_store(const std::string& location) {
    if (names_postgres(location)) {
        return std::make_unique<PostgresResultStore>(location);
    }
    return std::make_unique<SqliteResultStore>(location);
}

}  // namespace timbre::host
