// SPDX-License-Identifier: GPL-3.0-or-later
// What POST /api/uploads receives: one audio file as the request body (the page sends one
// request a file), or a multipart form of several (`curl -F file=@a.mp3 -F file=@b.flac`, an
// HTML form's <input type=file multiple>), each file of a form received, checked and kept as
// a single upload is, a refused one not stopping the others. Whatever is kept is analysed
// (or queued behind the running job), so the files of one request are analysed together.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstddef>

#include "web/analysis_jobs.hpp"
#include "web/upload_folder.hpp"

namespace timbre::host {

// The most files' worth one form may carry: a form is refused above this many times the
// folder's largest upload, before it is read.
constexpr std::size_t kFormUploadFiles = 32;

// The largest body a request to POST /api/uploads may have (the server refuses longer ones).
std::size_t largest_upload_request(const UploadFolder& uploads);

// The analysis job's status with `file` (one body) or `files` and `refused` (a form: each file's
// name as sent and as kept; each refused file's name, status and reason). Throws ApiError: 403
// without an upload folder, 413 above the largest size, 400 for a body cut short or a form with
// no file, a single upload's own refusal (400 empty, 415 not audio), or, when every file of a
// form is refused, the first one's status with every file's reason.
nlohmann::ordered_json receive_uploads(UploadFolder* uploads, AnalysisJobs& jobs, const httplib::Request& request,
                                       const httplib::ContentReader& body);

}  // namespace timbre::host
