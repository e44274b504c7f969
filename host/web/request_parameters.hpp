// SPDX-License-Identifier: GPL-3.0-or-later
// An HTTP request's query string in the API's terms, one place for every handler that reads one
// (the routes, uploads, files sent to compare).
#pragma once

#include <httplib.h>

#include "web/library_api.hpp"

namespace timbre::host {

inline QueryParameters parameters_of(const httplib::Request& request) {
    return {request.params.begin(), request.params.end()};
}

}  // namespace timbre::host
