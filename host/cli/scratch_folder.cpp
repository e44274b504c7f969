// SPDX-License-Identifier: GPL-3.0-or-later
// mkdtemp gives each folder a name no other process holds; the prefix marks the folders that
// may be removed once they are older than any query.
#include "cli/scratch_folder.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr const char* kScratchPrefix = "timbre-visitors-";
// Older than any query: a folder left by a command killed before it could remove its own.
constexpr auto kAbandonedScratch = std::chrono::hours(24);

void remove_abandoned(const std::filesystem::path& temporary) {
    const auto abandoned = std::filesystem::file_time_type::clock::now() - kAbandonedScratch;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(temporary, error)) {
        std::error_code ignored;
        if (entry.path().filename().string().starts_with(kScratchPrefix) && entry.is_directory(ignored) &&
            entry.last_write_time(ignored) < abandoned) {
            std::filesystem::remove_all(entry.path(), ignored);
        }
    }
}

}  // namespace

ScratchFolder::ScratchFolder() {
    const auto temporary = std::filesystem::temp_directory_path();
    remove_abandoned(temporary);
    std::string pattern = (temporary / (std::string(kScratchPrefix) + "XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw Error("cannot make a temporary folder " + pattern + " for a query's files: " + std::strerror(errno));
    }
    path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace timbre::host
