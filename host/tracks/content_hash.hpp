// SPDX-License-Identifier: GPL-3.0-or-later
// Content identity for resumable runs: a track is "the same" when its bytes are the same,
// wherever it lives and whatever it is called. XXH3-128, hex-encoded.
#pragma once

#include <filesystem>
#include <string>

namespace timbre::host {

// Hash of a file's bytes; throws timbre::Error naming the reason if it cannot be read.
std::string hash_file(const std::filesystem::path& file);

std::string hash_text(const std::string& text);

}  // namespace timbre::host
