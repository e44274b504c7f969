// SPDX-License-Identifier: GPL-3.0-or-later
// Walks the RIFF chunks from the start of the file (each an id, a little-endian size and
// the data, padded to an even length) until the format chunk; its second field is the count.
#include "decode/wave_header.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace timbre::host {

namespace {
constexpr int kMostChunksBeforeFormat = 64;

std::uint32_t little_endian(const unsigned char* bytes, int count) {
    std::uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i) {
        value = (value << 8) | bytes[i];
    }
    return value;
}
}  // namespace

std::optional<unsigned> wave_channel_count(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<unsigned char, 12> riff{};
    if (!in.read(reinterpret_cast<char*>(riff.data()), riff.size())) {
        return std::nullopt;
    }
    const bool riff_container = std::memcmp(riff.data(), "RIFF", 4) == 0 || std::memcmp(riff.data(), "RF64", 4) == 0 ||
                                std::memcmp(riff.data(), "BW64", 4) == 0;
    if (!riff_container || std::memcmp(riff.data() + 8, "WAVE", 4) != 0) {
        return std::nullopt;
    }
    for (int chunk = 0; chunk < kMostChunksBeforeFormat; ++chunk) {
        std::array<unsigned char, 8> header{};
        if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) {
            return std::nullopt;
        }
        const std::uint32_t size = little_endian(header.data() + 4, 4);
        if (std::memcmp(header.data(), "fmt ", 4) == 0) {
            std::array<unsigned char, 4> format{};
            if (size < format.size() || !in.read(reinterpret_cast<char*>(format.data()), format.size())) {
                return std::nullopt;
            }
            return little_endian(format.data() + 2, 2);
        }
        in.seekg(static_cast<std::streamoff>(size) + (size % 2), std::ios::cur);
    }
    return std::nullopt;
}

}  // namespace timbre::host
