// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the tag reader (TagLib behind read_tags) on arbitrary bytes under every
// extension it knows. read_tags promises never to throw: any exception, crash or sanitizer
// report is a bug.
#include <cstdint>

#include "decode/tag_reader.hpp"
#include "fuzz_input_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file =
        timbre::fuzz::write_input_file(data, size, {".mp3", ".flac", ".ogg", ".m4a", ".opus", ".wav", ".aiff", ".wma"});
    const auto tags = timbre::host::read_tags(file);
    (void)tags;
    return 0;
}
