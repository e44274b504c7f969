// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers the caches beside a store hold (counts, ids, stamps, scales), written and read
// as the machine holds them: a cache is read back by the build that wrote it, on the machine
// that wrote it, so no portable encoding is needed. Every cache is read through FieldReader,
// from its bytes in memory: a read past the end leaves it failed, which the reader takes for
// a damaged file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>

namespace timbre::host {

template <typename T>
void write_field(std::ostream& out, T value) {
    out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

// A text as its length, then its bytes (what FieldReader::text reads).
inline void write_text(std::ostream& out, std::string_view text) {
    write_field<std::uint64_t>(out, text.size());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// A cache file's bytes, read whole; "" when there is no file or it cannot be read (which the
// readers take for a damaged file, like any other that does not parse).
inline std::string cache_file_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The fields read back from bytes in memory (a file read whole, or mapped).
class FieldReader {
public:
    FieldReader(const char* bytes, std::size_t size) : at_(bytes), left_(size) {}

    explicit operator bool() const { return ok_; }
    std::size_t left() const { return left_; }

    // Passes `size` bytes; where they start, or nullptr past the end.
    const char* skip(std::size_t size) {
        if (!ok_ || size > left_) {
            ok_ = false;
            return nullptr;
        }
        const char* start = at_;
        at_ += size;
        left_ -= size;
        return start;
    }

    // Passes `expected` if the bytes start with it; fails otherwise.
    bool skip_text(std::string_view expected) {
        const char* start = skip(expected.size());
        ok_ = ok_ && std::string_view(start, expected.size()) == expected;
        return ok_;
    }

    template <typename T>
    T field() {
        T value{};
        if (const char* start = skip(sizeof value)) {
            std::memcpy(&value, start, sizeof value);
        }
        return value;
    }

    // The text up to the next newline, which is passed; fails where there is none.
    std::string line() {
        const std::string_view rest(at_, ok_ ? left_ : 0);
        const auto end = rest.find('\n');
        if (end == std::string_view::npos) {
            ok_ = false;
            return {};
        }
        skip(end + 1);
        return std::string(rest.substr(0, end));
    }

    // A text written as its length, then its bytes; longer than `longest` fails (damage).
    std::string text(std::uint64_t longest) {
        const auto size = field<std::uint64_t>();
        if (size > longest) {
            ok_ = false;
        }
        const char* start = ok_ ? skip(size) : nullptr;
        return start ? std::string(start, size) : std::string();
    }

private:
    const char* at_;
    std::size_t left_;
    bool ok_ = true;
};

}  // namespace timbre::host
