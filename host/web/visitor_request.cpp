// SPDX-License-Identifier: GPL-3.0-or-later
// The body is received through an UploadFolder made in the request's own temporary folder, so
// it is sniffed and named as an upload would be, and removed with that folder however the
// request ends. The memory the request's library took is handed back to the system after it.
#include "web/visitor_request.hpp"

#include <malloc.h>

#include <cstdlib>
#include <optional>

#include "cli/scratch_folder.hpp"
#include "web/library_api.hpp"
#include "web/request_parameters.hpp"
#include "web/upload_folder.hpp"

namespace timbre::host {

namespace {

constexpr int kComeBackSeconds = 5;

ApiError too_large_to_compare(std::size_t largest) {
    return ApiError(413, "the file is larger than this server compares (" + std::to_string(largest / (1024 * 1024)) +
                             " MiB; --max-upload-mb)");
}

// One of the places for requests under way, if one was free; given back however the request ends.
class PlaceUnderWay {
public:
    using Places = std::counting_semaphore<VisitorQueries::kAtOnce>;
    explicit PlaceUnderWay(Places& places) : places_(places.try_acquire() ? &places : nullptr) {}
    ~PlaceUnderWay() {
        if (places_ != nullptr) {
            places_->release();
        }
    }
    PlaceUnderWay(const PlaceUnderWay&) = delete;
    PlaceUnderWay& operator=(const PlaceUnderWay&) = delete;
    explicit operator bool() const { return places_ != nullptr; }

private:
    Places* places_;
};

}  // namespace

nlohmann::ordered_json VisitorQueries::answer(const httplib::Request& request, const httplib::ContentReader& body) {
    const PlaceUnderWay place(under_way_);
    if (!place) {
        throw ApiError(503, "other files are being compared with the library: try again in a few seconds",
                       kComeBackSeconds);
    }
    if (std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr, 10) > largest_) {
        throw too_large_to_compare(largest_);
    }
    std::optional<nlohmann::json> playlist;  // asked for before the file is read, so refused before it is
    if (request.has_param("playlist")) {
        try {
            playlist = nlohmann::json::parse(request.get_param_value("playlist"));
        } catch (const nlohmann::json::exception& error) {
            throw ApiError(400, std::string("'playlist' is not JSON: ") + error.what());
        }
        LibraryApi::check_visitor_playlist(*playlist);
    }
    const QueryParameters query = parameters_of(request);
    LibraryApi::rules_in(query);  // a rule that does not parse is refused before the file is read
    const ScratchFolder scratch;
    UploadFolder folder(scratch.path(), largest_);
    auto receiving = folder.receive();
    bool over = false;
    const bool complete = body([&](const char* data, std::size_t length) {
        over = !receiving.write(data, length);
        return !over;
    });
    if (over) {
        throw too_large_to_compare(largest_);
    }
    if (!complete) {
        throw ApiError(400, "the file stopped before its end");
    }
    const std::string name = request.get_param_value("name");
    const std::filesystem::path file = receiving.keep(name);
    const std::lock_guard one_at_a_time(analysing_);
    auto visited = library_.visited_by(file);
    const std::string sent_as = name.empty() ? file.filename().string() : name;
    auto answer =
        playlist ? visited->visitor_playlist(file, sent_as, *playlist) : visited->visitor(file, sent_as, query);
    visited.reset();
    // The library copied for this request (hundreds of MiB for a large one) was allocated in
    // this worker thread's malloc arena; without handing its pages back, each of the server's
    // threads would come to hold one such library's worth.
    ::malloc_trim(0);
    return answer;
}

}  // namespace timbre::host
