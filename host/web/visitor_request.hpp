// SPDX-License-Identifier: GPL-3.0-or-later
// What POST /api/similar receives: one audio file as the request body, answered with the
// library's tracks most like it, as GET /api/tracks/ID answers for a track of the library, or
// with a playlist of the library that starts from it, without adding the file: "what in my
// library sounds like this?" for a song the listener has but does not want analysed into the
// library. The file lives in a temporary folder for the request alone. A few files are
// received at once, so that a slow sender holds up no one; each then analyses its file and
// admits it to a copy of the library, one at a time, the others waiting their turn. A request
// beyond those few is told to come back.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <mutex>
#include <semaphore>

#include "web/live_library.hpp"

namespace timbre::host {

class VisitorQueries {
public:
    // `largest`: the longest body accepted, in bytes.
    VisitorQueries(const LiveLibrary& library, std::size_t largest) : library_(library), largest_(largest) {}
    std::size_t largest() const { return largest_; }

    // The file the body is (?name= the name it goes by), described as LibraryApi::visitor does,
    // with ?similar= and ?by= as for a track; with ?playlist= (a playlist request's JSON), a
    // playlist of the library seeded by it (LibraryApi::visitor_playlist). ApiError: 400 empty
    // or cut short, or a bad request, 413 above the largest size, 415 not audio timbre decodes
    // (sniffed, as uploads are), 422 its analysis failed (the reason), 503 with Retry-After
    // while as many others as are taken at once are under way.
    nlohmann::ordered_json answer(const httplib::Request& request, const httplib::ContentReader& body);

    // Files received or waiting for their analysis at once, each at most `largest` bytes on disk.
    static constexpr std::ptrdiff_t kAtOnce = 4;

private:
    const LiveLibrary& library_;
    std::size_t largest_;
    std::counting_semaphore<kAtOnce> under_way_{kAtOnce};
    std::mutex analysing_;
};

}  // namespace timbre::host
