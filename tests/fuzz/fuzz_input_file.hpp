// SPDX-License-Identifier: GPL-3.0-or-later
// For fuzz targets whose code under test reads a file by name: the input's first byte picks
// the file's extension (readers are chosen by it, so each reader gets its share), the rest is
// the content, written to a per-process file under /dev/shm (memory, not disk). A seed in a
// corpus starts with its extension's index, so extensions are only ever appended.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

namespace timbre::fuzz {

inline std::filesystem::path write_input_file(const std::uint8_t* data, std::size_t size,
                                              std::initializer_list<const char*> extensions) {
    const std::string extension = extensions.begin()[size > 0 ? data[0] % extensions.size() : 0];
    const auto file = std::filesystem::path("/dev/shm") / ("timbre-fuzz-" + std::to_string(getpid()) + extension);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (size > 1) {
        out.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
    }
    return file;
}

}  // namespace timbre::fuzz
