// SPDX-License-Identifier: GPL-3.0-or-later
// The files are analysed as `timbre analyze --resume` would add them (store_analysis), with
// no folder named, so no other track of the library is taken out as gone.
#include "cli/named_file_addition.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "cli/pipeline_loading.hpp"
#include "cli/store_analysis.hpp"
#include "executor/worker_pool.hpp"
#include "similarity/track_catalogue.hpp"
#include "timbre/error.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

std::size_t add_named_files(const std::filesystem::path& store, const std::vector<std::string>& names,
                            const std::vector<std::string>& plugin_paths) {
    std::vector<std::filesystem::path> files;
    for (const auto& name : names) {
        std::error_code error;
        if (std::filesystem::is_regular_file(name, error)) {
            files.push_back(std::filesystem::weakly_canonical(std::filesystem::absolute(name)));
        }
    }
    if (files.empty()) {
        return 0;
    }
    const TrackCatalogue catalogue = TrackCatalogue::open(store);
    std::erase_if(files, [&](const std::filesystem::path& file) {
        return std::any_of(catalogue.tracks().begin(), catalogue.tracks().end(),
                           [&](const CatalogueTrack& track) { return track.path == file; });
    });
    if (files.empty()) {
        return 0;
    }
    const auto nodes = catalogue.signature_nodes();
    if (nodes.empty()) {
        throw Error("--add: the store has no similarity signatures, so no pipeline to analyse new tracks with; "
                    "analyse the library with a config that has similarity nodes, e.g. `timbre analyze "
                    "configs/similarity.yaml MUSIC --db " + store.string() + "`");
    }
    const auto run = catalogue.config_of(nodes.front());
    const LoadedPipeline pipeline = load_pipeline_text(run.config_text, run.config_path, plugin_paths);
    SqliteResultStore results(store);
    const auto tracks = collect_tracks(files, Shard{});
    const StoreAnalysisRequest request{&pipeline, run.config_path, "timbre --add: analyse named files", tracks, {},
                                       worker_count(std::thread::hardware_concurrency(), tracks.size()), true};
    std::size_t added = 0;
    analyse_into_store(request, results, [&](TrackResult& result) {
        if (result.status == TrackStatus::ok) {
            ++added;
            spdlog::info("added {} to {}", result.path.string(), store.string());
        }
    });
    return added;
}

}  // namespace timbre::host
