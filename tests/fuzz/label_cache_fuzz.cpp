// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: reading the labels kept beside a store (similarity/label_cache), a file every
// command that opens a library reads whole and follows by the counts and indices it finds in
// it; a damaged disk or a cut-short write can leave any bytes there. The version and tracks
// asked for are those of the seed (corpus/label_cache_fuzz), so mutations reach past the
// header. A track the file does not fill must be left untouched and listed as missing; one
// it fills must have answers with names; a file that fills only some is never current.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "similarity/label_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto store = std::filesystem::path("/dev/shm") / ("timbre-fuzz-" + std::to_string(getpid()) + ".db");
    const timbre::host::LabelCache cache(store);
    std::filesystem::create_directories(cache.file().parent_path());
    std::ofstream(cache.file(), std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    timbre::host::StoreVersion version{3, 3, 1, "2026-12-06T17:00:00Z"};
    version.first_run_started = "2026-12-06T16:00:00Z";
    std::vector<timbre::host::CatalogueTrack> tracks(3);
    for (std::size_t t = 0; t < tracks.size(); ++t) {
        tracks[t].id = static_cast<std::int64_t>(t) + 1;
    }
    const auto kept = cache.read(version, tracks);
    for (std::size_t t = 0, m = 0; t < tracks.size(); ++t) {
        const auto& track = tracks[t];
        if (m < kept.missing.size() && kept.missing[m] == t) {
            ++m;
            if (!track.labels.empty() || track.bpm || track.key || track.energy || track.loudness_lufs) {
                std::abort();
            }
            continue;
        }
        for (const auto& [node, answer] : track.labels) {
            if (node.size() > (1 << 16) || answer.label.size() > (1 << 16)) {
                std::abort();
            }
        }
    }
    if (kept.current && !kept.missing.empty()) {
        std::abort();
    }
    return 0;
}
