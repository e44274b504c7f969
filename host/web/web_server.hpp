// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre serve`: the HTTP front door. cpp-httplib serves the JSON API (the live library's
// LibraryApi, and analysis jobs), the OpenAPI description, the web page (files compiled into
// the binary) and the library's own audio files by track id with range requests, on a pool
// of worker threads, receives uploaded audio into an upload folder for analysis, and compares a
// file sent with the library without keeping it.
// Safe by default: loopback unless told otherwise, and then only with a token, which every
// request that is not a plain read (POST, PUT, DELETE) must carry as `Authorization: Bearer
// TOKEN`, and with a limit on how many requests one client address has answered (429).
#pragma once

#include <optional>
#include <string>

#include "web/analysis_jobs.hpp"
#include "web/live_library.hpp"
#include "web/upload_folder.hpp"
#include "web/visitor_request.hpp"

namespace timbre::host {

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;               // 0: any free port (the log says which)
    std::string token;             // required when `host` is not a loopback address
    unsigned threads = 8;
    // Requests a second answered from one client address, on average (bursts of ten seconds'
    // worth); 0: no limit. Unset: kDefaultRateLimit when `host` reaches other machines, else none.
    std::optional<double> rate_limit;
};

inline constexpr double kDefaultRateLimit = 50.0;

// Blocks serving until the process is stopped. Throws timbre::Error when the options are
// unsafe (a non-loopback host without a token) or the port cannot be bound.
// `uploads`: where POST /api/uploads puts files (nullptr: uploads are refused); `visitors`:
// what answers POST /api/similar, a file compared with the library without adding it.
void serve(const LiveLibrary& library, AnalysisJobs& jobs, UploadFolder* uploads, VisitorQueries& visitors,
           const ServeOptions& options);

}  // namespace timbre::host
