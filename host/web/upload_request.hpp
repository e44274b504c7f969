// SPDX-License-Identifier: GPL-3.0-or-later
// What POST /api/uploads receives: one audio file as the request body, or a multipart form of
// several (`curl -F file=@a.mp3 -F file=@b.flac`, an HTML form's <input type=file multiple>),
// each file of a form received, checked and kept as a single upload is, a refused one not
// stopping the others. A body sent with an id (`?id=ID&size=BYTES&offset=N`, as the page
// sends each file) is resumable: cut off, it keeps what arrived, GET /api/uploads/ID tells
// how much, and the next request sends the rest from there. Whatever is kept is analysed
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

struct UploadAnswer {
    int status = 202;
    nlohmann::ordered_json body;
};

// 202 with the analysis job's status and `file` (one body) or `files` and `refused` (a form:
// each file's name as sent and as kept; each refused file's name, status and reason); 200 with
// `id`, `received` and `size` for a resumable upload that has not had all its bytes yet.
// Throws ApiError: 403 without an upload folder, 413 above the largest size, 400 for a body cut
// short (a resumable one: naming the bytes kept) or a form with no file, a resumable upload's
// own (400 a bad id or no size, 409 another offset than the bytes held), a single upload's
// refusal (400 empty, 415 not audio), or, when every file of a form is refused, the first
// one's status with every file's reason.
UploadAnswer receive_uploads(UploadFolder* uploads, AnalysisJobs& jobs, const httplib::Request& request,
                             const httplib::ContentReader& body);

// GET /api/uploads/ID: {id, received, sending} (sending: a request is receiving it now, so
// more may come; a request to go on from `received` waits until it is false). ApiError 403 without an upload folder, 404 for an id with
// no bytes kept (never sent, or already kept or refused).
nlohmann::ordered_json upload_progress(const UploadFolder* uploads, const std::string& id);

}  // namespace timbre::host
