// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: reading a stored vector (similarity/stored_vector, simdjson) from arbitrary
// text, as every command that opens a library does for each track's signatures; a store may
// come from another machine (merge) or a damaged disk. Text that is not a stored vector must
// be refused with a timbre::Error; a vector read must have one name per value. Each input is
// read twice with one shared layout, as a library's tracks are.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "similarity/stored_vector.hpp"
#include "timbre/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::shared_ptr<const std::vector<std::string>> layout;
    for (int pass = 0; pass < 2; ++pass) {
        try {
            const auto vector = timbre::host::read_stored_vector(text, layout);
            if (vector.names().size() != vector.values().size()) {
                std::abort();
            }
        } catch (const timbre::Error&) {
        }
    }
    return 0;
}
