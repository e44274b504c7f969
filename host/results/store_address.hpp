// SPDX-License-Identifier: GPL-3.0-or-later
// What `--db` names: a PostgreSQL server (a postgresql:// or postgres:// URI) or, otherwise,
// an SQLite file. The one place that tells them apart.
#pragma once

#include <memory>
#include <string>

#include "results/result_store.hpp"

namespace timbre::host {

bool names_postgres(const std::string& location);

// The address as messages show it, without a password: "postgresql://user:secret@host/db" ->
// "postgresql://user@host/db".
std::string without_password(const std::string& location);

std::unique_ptr<ResultStore> open_result_store(const std::string& location);

}  // namespace timbre::host
