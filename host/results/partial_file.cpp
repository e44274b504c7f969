// SPDX-License-Identifier: GPL-3.0-or-later
// One name per writer: two commands refreshing the same file at once never write into one
// file, and whichever renames last leaves a whole one.
#include "results/partial_file.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

#include "timbre/error.hpp"

namespace timbre::host {

std::filesystem::path partial_file(const std::filesystem::path& file) {
    static std::atomic<unsigned> written{0};
    return file.string() + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(written++);
}

void replace_file(const std::filesystem::path& file, const std::string& what,
                  const std::function<void(std::ostream&)>& contents) {
    const auto partial = partial_file(file);
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        contents(out);
        if (!out) {
            std::filesystem::remove(partial, ignored);
            throw Error("cannot write " + what + " " + partial.string());
        }
    }
    std::filesystem::rename(partial, file, ignored);
    if (ignored) {
        throw Error("cannot write " + what + " " + file.string() + ": " + ignored.message());
    }
}

}  // namespace timbre::host
