// SPDX-License-Identifier: GPL-3.0-or-later
// "What in my library sounds like this file?" for a file the library has not analysed. The
// files named that the store lacks are analysed with the pipeline that made the store's
// similarity signatures: `similar --add` and `playlist --add` analyse them into the store, so
// every later query finds them too; without `--add` they visit: analysed into a store of
// their own that is deleted once the library has admitted them, so the query compares them
// like any other track and the library's store is left as it was.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "cli/kept_pipeline.hpp"
#include "similarity/track_catalogue.hpp"

namespace timbre::host {

// The names that are files on disk `library` does not hold by path: absolute, each once.
std::vector<std::filesystem::path> files_not_held(const TrackCatalogue& library, const std::vector<std::string>& names);

// Analyses into `store` every name that is a file on disk the store's library does not hold
// by that path, with the config the store recorded for its similarity nodes (its text as
// recorded; what it includes read again). Returns how many were added; a file that fails
// analysis is recorded as failed, and naming it afterwards says why. Throws timbre::Error
// for a store without similarity signatures.
std::size_t add_named_files(const std::filesystem::path& store, const std::vector<std::string>& names,
                            const std::vector<std::string>& plugin_paths);

// The same files analysed as visitors of `library`, which was opened from `store`: a library
// of their own for TrackCatalogue::admitting (empty when no name is such a file), a failed one
// held as failed, so naming it says why; analysed by the pipeline `kept` when there is one
// (a service's, kept between comparisons). Throws timbre::Error as add_named_files does.
TrackCatalogue visitors_of(const TrackCatalogue& library, const std::filesystem::path& store,
                           const std::vector<std::string>& names, const std::vector<std::string>& plugin_paths,
                           KeptPipeline* kept = nullptr);
// `library` with those visitors admitted.
void admit_named_files(TrackCatalogue& library, const std::filesystem::path& store,
                       const std::vector<std::string>& names, const std::vector<std::string>& plugin_paths);

}  // namespace timbre::host
