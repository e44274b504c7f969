// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: opening the signatures kept beside a store (similarity/signature_cache), a file
// every command that opens a library maps into memory and reads by the offsets it finds in
// it; a damaged disk or a cut-short write can leave any bytes there. A file that is not a
// cache must be refused (nullptr); from one that opens, every signature must read back with
// one name per value and no read outside the file.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "similarity/signature_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto store = std::filesystem::path("/dev/shm") / ("timbre-fuzz-" + std::to_string(getpid()) + ".db");
    const timbre::host::SignatureCache cache(store);
    std::filesystem::create_directories(cache.file().parent_path());
    std::ofstream(cache.file(), std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (const auto kept = cache.open()) {
        for (std::size_t entry = 0; entry < kept->size(); ++entry) {
            const auto signature = kept->signature(entry);
            if (signature.names().size() != signature.values().size()) {
                std::abort();
            }
        }
    }
    return 0;
}
