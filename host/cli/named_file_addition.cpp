// SPDX-License-Identifier: GPL-3.0-or-later
// The files are analysed as `timbre analyze --resume` would add them (store_analysis), with
// no folder named, so no other track of the library is taken out as gone. Visitors are
// analysed into a store in a fresh temporary folder, removed when the library has read them.
#include "cli/named_file_addition.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <thread>

#include "cli/pipeline_loading.hpp"
#include "cli/scratch_folder.hpp"
#include "cli/store_analysis.hpp"
#include "executor/worker_pool.hpp"
#include "timbre/error.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

namespace {

// Analyses `files` into `results` with the pipeline that made `library`'s signatures (as
// resuming when the store holds other tracks; the one `kept`, when there is one), calling
// `on_added` with each file analysed successfully. Returns how many were.
std::size_t analyse_files(const TrackCatalogue& library, const std::filesystem::path& store,
                          const std::vector<std::filesystem::path>& files, const std::vector<std::string>& plugin_paths,
                          SqliteResultStore& results, bool resume, const std::string& command,
                          const std::function<void(const std::filesystem::path&)>& on_added, KeptPipeline* kept) {
    const auto nodes = library.signature_nodes();
    if (nodes.empty()) {
        throw Error("the store has no similarity signatures, so no pipeline to analyse new tracks with; analyse the "
                    "library with a config that has similarity nodes, e.g. `timbre analyze configs/similarity.yaml "
                    "MUSIC --db " + store.string() + "`");
    }
    const auto run = library.config_of(nodes.front());
    std::optional<LoadedPipeline> loaded;
    std::optional<KeptPipeline::Ready> ready;
    if (kept != nullptr) {
        ready.emplace(kept->of(run, plugin_paths));
    } else {
        loaded = load_pipeline_text(run.config_text, run.config_path, plugin_paths);
    }
    const auto tracks = collect_tracks(files, Shard{});
    StoreAnalysisRequest request{ready ? &ready->pipeline : &*loaded, run.config_path, command, tracks, {},
                                 worker_count(std::thread::hardware_concurrency(), tracks.size()), resume};
    request.instance = ready ? &ready->instance : nullptr;
    request.models = ready ? &ready->models : nullptr;
    std::size_t added = 0;
    analyse_into_store(request, results, [&](TrackResult& result) {
        if (result.status == TrackStatus::ok) {
            ++added;
            on_added(result.path);
        }
    });
    return added;
}

// `files` analysed into a store in a fresh temporary folder, read back as a library of their own.
TrackCatalogue analysed_visitors(const TrackCatalogue& library, const std::filesystem::path& store,
                                 const std::vector<std::filesystem::path>& files,
                                 const std::vector<std::string>& plugin_paths, KeptPipeline* kept) {
    const ScratchFolder scratch;
    const auto visitors_store = scratch.path() / "visitors.db";
    {
        SqliteResultStore results(visitors_store);
        analyse_files(library, store, files, plugin_paths, results, false, "timbre: analyse named files for one query",
                      [&](const std::filesystem::path& file) {
                          spdlog::info("analysed {} for this query alone, not added to {}", file.string(),
                                       store.string());
                      },
                      kept);
    }
    return TrackCatalogue::open(visitors_store);
}

}  // namespace

std::vector<std::filesystem::path> files_not_held(const TrackCatalogue& library, const std::vector<std::string>& names) {
    std::set<std::filesystem::path> files;
    for (const auto& name : names) {
        std::error_code error;
        if (std::filesystem::is_regular_file(name, error)) {
            files.insert(std::filesystem::weakly_canonical(std::filesystem::absolute(name)));
        }
    }
    std::erase_if(files, [&](const std::filesystem::path& file) {
        return std::any_of(library.tracks().begin(), library.tracks().end(),
                           [&](const CatalogueTrack& track) { return track.path == file; });
    });
    return {files.begin(), files.end()};
}

std::size_t add_named_files(const std::filesystem::path& store, const std::vector<std::string>& names,
                            const std::vector<std::string>& plugin_paths) {
    const auto is_file = [](const std::string& name) {
        std::error_code error;
        return std::filesystem::is_regular_file(name, error);
    };
    if (std::none_of(names.begin(), names.end(), is_file)) {
        return 0;  // the library is not opened twice for names of its tracks
    }
    const TrackCatalogue library = TrackCatalogue::open(store);
    const auto files = files_not_held(library, names);
    if (files.empty()) {
        return 0;
    }
    SqliteResultStore results(store);
    return analyse_files(library, store, files, plugin_paths, results, true, "timbre --add: analyse named files",
                         [&](const std::filesystem::path& file) {
                             spdlog::info("added {} to {}", file.string(), store.string());
                         },
                         nullptr);
}

TrackCatalogue visitors_of(const TrackCatalogue& library, const std::filesystem::path& store,
                           const std::vector<std::string>& names, const std::vector<std::string>& plugin_paths,
                           KeptPipeline* kept) {
    const auto files = files_not_held(library, names);
    return files.empty() ? TrackCatalogue() : analysed_visitors(library, store, files, plugin_paths, kept);
}

void admit_named_files(TrackCatalogue& library, const std::filesystem::path& store,
                       const std::vector<std::string>& names, const std::vector<std::string>& plugin_paths) {
    const auto files = files_not_held(library, names);
    if (!files.empty()) {
        library = library.admitting(analysed_visitors(library, store, files, plugin_paths, nullptr));
    }
}

}  // namespace timbre::host
