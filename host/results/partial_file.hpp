// SPDX-License-Identifier: GPL-3.0-or-later
// Files the host rewrites while other commands may read them (similarity caches and
// indexes, the plugin manifest) are written under another name and renamed into place, so
// a reader sees the old file or the new one, never half of one.
#pragma once

#include <filesystem>

namespace timbre::host {

// Where to write `file` before renaming it into place: unique to this process and call.
std::filesystem::path partial_file(const std::filesystem::path& file);

}  // namespace timbre::host
