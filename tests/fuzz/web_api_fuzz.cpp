// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the web service's request handlers (what each HTTP route calls) on a real
// library store named by TIMBRE_FUZZ_STORE (a copy: saving playlists writes to it). The first
// byte picks the route; the rest is its query string (name=value&...) or its JSON body. A bad
// request must be refused with an ApiError (a 4xx); any other exception would be a 500 and is
// a bug, like a crash or a sanitizer report.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include <httplib.h>

#include "web/live_library.hpp"

namespace {
// The query string as the server hands it to a handler: parsed by cpp-httplib, as
// web_server's parameters_of receives it.
timbre::host::QueryParameters query_of(const std::string& text) {
    httplib::Params query;
    httplib::detail::parse_query_text(text, query);
    return query;
}

const timbre::host::LiveLibrary& library() {
    const char* store = std::getenv("TIMBRE_FUZZ_STORE");
    if (!store) {
        std::cerr << "set TIMBRE_FUZZ_STORE to a copy of a library store (configs/similarity.yaml)\n";
        std::abort();
    }
    static const timbre::host::LiveLibrary opened(store, {}, {});
    return opened;
}

std::int64_t id_of(const std::string& text) { return text.empty() ? 0 : static_cast<unsigned char>(text[0]) % 40; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const auto api = library().current();
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        switch (data[0] % 8) {
        case 0: (void)api->tracks(query_of(text)); break;
        case 1: (void)api->track(id_of(text), query_of(text.empty() ? text : text.substr(1))); break;
        case 2: (void)api->saved_playlist(id_of(text)); break;
        default: {
            const auto body = nlohmann::json::parse(text, nullptr, false);
            if (body.is_discarded()) {
                return 0;  // the server answers 400 before any handler runs
            }
            switch (data[0] % 8) {
            case 3: (void)api->playlist(body); break;
            case 4: (void)api->playlist_file(body, data[0] & 0x80 ? "xspf" : "m3u8"); break;
            case 5: (void)api->save_playlist(body); break;
            case 6: (void)api->change_playlist(1, body); break;
            default: api->delete_playlist(body.is_number_integer() ? body.get<std::int64_t>() : 0); break;
            }
        }
        }
    } catch (const timbre::host::ApiError&) {
    }
    return 0;
}
