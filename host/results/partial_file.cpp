// SPDX-License-Identifier: GPL-3.0-or-later
// One name per writer: two commands refreshing the same file at once never write into one
// file, and whichever renames last leaves a whole one.
#include "results/partial_file.hpp"

#include <unistd.h>

#include <atomic>
#include <string>

namespace timbre::host {

std::filesystem::path partial_file(const std::filesystem::path& file) {
    static std::atomic<unsigned> written{0};
    return file.string() + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(written++);
}

}  // namespace timbre::host
