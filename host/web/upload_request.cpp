// SPDX-License-Identifier: GPL-3.0-or-later
// A form's parts arrive one after another through cpp-httplib's multipart reader: a part's
// header ends the part before it, which is then kept or refused, so at most one part file is
// open at a time. A file past the largest size is read to its end and dropped (the parts after
// it are still received); a form cut off keeps the whole files before the cut.
#include "web/upload_request.hpp"

#include <cstdlib>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "web/library_api.hpp"
#include "web/request_parameters.hpp"

namespace timbre::host {

namespace {

ApiError too_large(const UploadFolder& uploads) {
    return ApiError(413, "the upload is larger than this server accepts (" +
                             std::to_string(uploads.largest() / (1024 * 1024)) + " MiB; --max-upload-mb)");
}

// The single file that is the body (or, resumable, the part of it from `offset`), kept under
// `?name=` once it is whole.
UploadAnswer receive_body(UploadFolder& uploads, AnalysisJobs& jobs, const httplib::Request& request,
                          const httplib::ContentReader& body) {
    const QueryParameters query = parameters_of(request);
    constexpr auto kAnyCount = std::numeric_limits<std::size_t>::max();
    const std::string id = request.get_param_value("id");
    const std::size_t size = count_parameter(query, "size", 0, kAnyCount);
    if (!id.empty() && !request.has_param("size")) {
        throw ApiError(400, "a resumable upload (id=) needs the whole file's size=BYTES");
    }
    if (size > uploads.largest()) {
        throw too_large(uploads);
    }
    auto receiving = id.empty() ? uploads.receive() : uploads.resume(id, count_parameter(query, "offset", 0, kAnyCount));
    bool over = false;
    const bool complete = body([&](const char* data, std::size_t length) {
        over = !receiving.write(data, length) || (!id.empty() && receiving.received() > size);
        return !over;
    });
    if (over) {
        receiving.discard();
        throw id.empty() || receiving.received() <= size
                  ? too_large(uploads)
                  : ApiError(400, "upload " + id + " is longer than the size=" + std::to_string(size) + " it declared");
    }
    if (!complete) {
        throw ApiError(400, id.empty() ? "the upload stopped before its end"
                                       : "upload " + id + " stopped at " + std::to_string(receiving.received()) +
                                             " of its " + std::to_string(size) + " bytes, which are kept: send the "
                                             "rest with offset=" + std::to_string(receiving.received()));
    }
    if (!id.empty() && receiving.received() < size) {
        return {200, {{"id", id}, {"received", receiving.received()}, {"size", size}}};
    }
    const std::filesystem::path kept = receiving.keep(request.get_param_value("name"));
    auto job = jobs.start({kept.string()});
    job["file"] = kept.filename().string();
    return {202, std::move(job)};
}

// Every file part of a multipart form, each under the file name its part gives.
nlohmann::ordered_json receive_form(UploadFolder& uploads, AnalysisJobs& jobs, const httplib::ContentReader& body) {
    struct Part {
        std::string name;
        std::unique_ptr<UploadFolder::Receiving> receiving;
        bool over = false;
    };
    std::optional<Part> part;  // the file part being received
    std::vector<std::filesystem::path> kept;
    auto files = nlohmann::ordered_json::array();
    auto refused = nlohmann::ordered_json::array();
    const auto refuse = [&](const std::string& name, const ApiError& error) {
        refused.push_back({{"name", name}, {"status", error.status}, {"error", error.what()}});
    };
    const auto end_part = [&] {
        if (!part) {
            return;
        }
        try {
            if (part->over) {
                throw too_large(uploads);
            }
            kept.push_back(part->receiving->keep(part->name));
            files.push_back({{"name", part->name}, {"file", kept.back().filename().string()}});
        } catch (const ApiError& error) {
            refuse(part->name, error);
        }
        part.reset();
    };
    const bool complete = body(
        [&](const httplib::MultipartFormData& header) {
            end_part();
            if (!header.filename.empty()) {  // a field without a file name is not a file: ignored
                using Receiving = UploadFolder::Receiving;
                part.emplace(Part{header.filename, std::unique_ptr<Receiving>(new Receiving(uploads.receive()))});
            }
            return true;
        },
        [&](const char* data, std::size_t length) {
            if (part && !part->over) {
                part->over = !part->receiving->write(data, length);
            }
            return true;
        });
    if (complete) {
        end_part();
    }
    std::vector<std::string> batch;
    for (const auto& file : kept) {
        batch.push_back(file.string());
    }
    nlohmann::ordered_json job = batch.empty() ? nlohmann::ordered_json() : jobs.start(batch);
    if (!complete) {
        throw ApiError(400, "the upload stopped before its end" +
                                (kept.empty() ? std::string()
                                              : "; the " + std::to_string(kept.size()) +
                                                    " whole files before the cut are kept and analysed"));
    }
    if (kept.empty()) {
        if (refused.empty()) {
            throw ApiError(400, "the form holds no file: send each file as a part with a file name "
                                "(curl -F file=@song.mp3)");
        }
        std::string reasons;
        for (const auto& refusal : refused) {
            reasons += (reasons.empty() ? "" : "; ") + refusal.at("name").get<std::string>() + ": " +
                       refusal.at("error").get<std::string>();
        }
        throw ApiError(refused.front().at("status").get<int>(), reasons);
    }
    job["files"] = std::move(files);
    job["refused"] = std::move(refused);
    return job;
}

}  // namespace

std::size_t largest_upload_request(const UploadFolder& uploads) { return uploads.largest() * kFormUploadFiles; }

UploadAnswer receive_uploads(UploadFolder* uploads, AnalysisJobs& jobs, const httplib::Request& request,
                             const httplib::ContentReader& body) {
    if (!uploads) {
        throw ApiError(403, "this server takes no uploads: start it with --uploads DIR");
    }
    const auto declared = std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr, 10);
    if (!request.is_multipart_form_data()) {
        if (declared > uploads->largest()) {
            throw too_large(*uploads);
        }
        return receive_body(*uploads, jobs, request, body);
    }
    if (declared > largest_upload_request(*uploads)) {
        throw ApiError(413, "the form is larger than this server accepts (" +
                                std::to_string(kFormUploadFiles) + " files' worth of --max-upload-mb, " +
                                std::to_string(largest_upload_request(*uploads) / (1024 * 1024)) + " MiB, in all)");
    }
    return {202, receive_form(*uploads, jobs, body)};
}

nlohmann::ordered_json upload_progress(const UploadFolder* uploads, const std::string& id) {
    if (!uploads) {
        throw ApiError(403, "this server takes no uploads: start it with --uploads DIR");
    }
    const auto progress = uploads->progress(id);
    if (!progress) {
        throw ApiError(404, "no upload " + id + " is under way here (never sent, or already kept or refused)");
    }
    return {{"id", id}, {"received", progress->received}, {"sending", progress->sending}};
}

}  // namespace timbre::host
