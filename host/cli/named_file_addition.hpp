// SPDX-License-Identifier: GPL-3.0-or-later
// "What in my library sounds like this file?" for a file the library has not analysed:
// `similar --add` and `playlist --add` analyse the audio files they are given that the store
// lacks, with the pipeline that made the store's similarity signatures, into the store, so
// the query that follows finds them like any other track.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::host {

// Analyses into `store` every name that is a file on disk the store's library does not hold
// by that path, with the config the store recorded for its similarity nodes (its text as
// recorded; what it includes read again). Returns how many were added; a file that fails
// analysis is recorded as failed, and naming it afterwards says why. Throws timbre::Error
// for a store without similarity signatures.
std::size_t add_named_files(const std::filesystem::path& store, const std::vector<std::string>& names,
                            const std::vector<std::string>& plugin_paths);

}  // namespace timbre::host
