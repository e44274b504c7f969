// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming XXH3-128 over the file in 1 MiB blocks.
#include "tracks/content_hash.hpp"

#include <xxhash.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
std::string hex(XXH128_hash_t hash) {
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return text;
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
struct StateFree {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};
}  // namespace

std::string hash_file(const std::filesystem::path& file) {
    std::unique_ptr<std::FILE, FileCloser> handle(std::fopen(file.c_str(), "rb"));
    if (!handle) {
        throw Error(std::string("cannot open: ") + std::strerror(errno));
    }
    std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
    XXH3_128bits_reset(state.get());
    std::vector<char> block(1 << 20);
    while (const std::size_t count = std::fread(block.data(), 1, block.size(), handle.get())) {
        XXH3_128bits_update(state.get(), block.data(), count);
    }
    if (std::ferror(handle.get())) {
        throw Error(std::string("read error: ") + std::strerror(errno));
    }
    return hex(XXH3_128bits_digest(state.get()));
}

std::string hash_text(const std::string& text) { return hex(XXH3_128bits(text.data(), text.size())); }

}  // namespace timbre::host
