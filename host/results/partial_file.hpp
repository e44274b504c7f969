// SPDX-License-Identifier: GPL-3.0-or-later
// Files the host rewrites while other commands may read them (similarity caches and
// indexes, the plugin manifest) are written under another name and renamed into place, so
// a reader sees the old file or the new one, never half of one.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>

namespace timbre::host {

// Where to write `file` before renaming it into place: unique to this process and call.
std::filesystem::path partial_file(const std::filesystem::path& file);

// Writes `file` whole: its folder made if needed, `contents` written to partial_file(file),
// which is then renamed over `file`. Throws timbre::Error naming `what` ("the similarity
// scales") and the file when it cannot be written.
void replace_file(const std::filesystem::path& file, const std::string& what,
                  const std::function<void(std::ostream&)>& contents);

}  // namespace timbre::host
