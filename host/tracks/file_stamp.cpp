// SPDX-License-Identifier: GPL-3.0-or-later
// Nanoseconds of the file clock, so stamps are whole numbers a store or a JSON file keeps exactly.
#include "tracks/file_stamp.hpp"

#include <chrono>

namespace timbre::host {

std::optional<FileStamp> FileStamp::of(const std::filesystem::path& file) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        return std::nullopt;
    }
    const auto modified = std::filesystem::last_write_time(file, error);
    if (error) {
        return std::nullopt;
    }
    return FileStamp{size, std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count()};
}

}  // namespace timbre::host
