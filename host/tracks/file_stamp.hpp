// SPDX-License-Identifier: GPL-3.0-or-later
// A file's size and modification time: what tells, without reading it, that a file is still
// the one seen before. The plugin manifest keys a library's cached descriptors by it,
// `analyze` fails a track whose file changed while it was analysed, and `--resume` trusts a
// file's recorded hash while its stamp holds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace timbre::host {

struct FileStamp {
    std::uintmax_t size = 0;
    std::int64_t modified_ns = 0;  // since the file clock's epoch
    bool operator==(const FileStamp&) const = default;

    // std::nullopt when the file cannot be examined (gone, unreadable).
    static std::optional<FileStamp> of(const std::filesystem::path& file);
};

}  // namespace timbre::host
