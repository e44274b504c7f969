// SPDX-License-Identifier: GPL-3.0-or-later
// A temporary folder for what one query needs on disk and nobody keeps: a file analysed for
// that query alone (a visitor, named_file_addition.hpp), the store it is analysed into, a file
// the web page sent to compare. Made fresh under $TMPDIR, removed with all it holds when the
// query ends; one left by a process killed meanwhile is removed a day later by the next.
#pragma once

#include <filesystem>

namespace timbre::host {

class ScratchFolder {
public:
    // Throws timbre::Error when the folder cannot be made.
    ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    ~ScratchFolder();

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace timbre::host
