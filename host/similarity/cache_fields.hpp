// SPDX-License-Identifier: GPL-3.0-or-later
// The numbers the caches beside a store hold (counts, ids, stamps, scales), written and read
// as the machine holds them: a cache is read back by the build that wrote it, on the machine
// that wrote it, so no portable encoding is needed. A read past the end leaves the stream
// failed, which the reader takes for a damaged file.
#pragma once

#include <istream>
#include <ostream>

namespace timbre::host {

template <typename T>
void write_field(std::ostream& out, T value) {
    out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T read_field(std::istream& in) {
    T value{};
    in.read(reinterpret_cast<char*>(&value), sizeof value);
    return value;
}

}  // namespace timbre::host
