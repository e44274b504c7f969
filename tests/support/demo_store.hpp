// SPDX-License-Identifier: GPL-3.0-or-later
// The demo library analysed with configs/similarity.yaml (the demo_store fixture), and a
// private copy of it for a test that writes beside a store (the similarity cache, saved
// playlists, analysis jobs), so tests running at once never share those files.
#pragma once

#include <filesystem>

#include "support/command_run.hpp"

namespace timbre::test {

inline const std::filesystem::path demo_store{TIMBRE_DEMO_STORE};

// Copies the store (with its WAL files, if any) to `scratch`/demo.db and returns that path.
inline std::filesystem::path copy_of_demo_store(const ScratchDirectory& scratch) {
    const auto copy = scratch / "demo.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::filesystem::path from = demo_store.string() + suffix;
        if (std::filesystem::exists(from)) {
            std::filesystem::copy_file(from, copy.string() + suffix);
        }
    }
    return copy;
}

}  // namespace timbre::test
