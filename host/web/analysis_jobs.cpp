// SPDX-License-Identifier: GPL-3.0-or-later
// The job thread only touches status_ under the mutex; the store is written by the job's own
// ResultStore (one connection, one thread) while the service keeps answering from the library
// it had, until the reload swaps in the new one.
#include "web/analysis_jobs.hpp"

#include <spdlog/spdlog.h>

#include "cli/store_analysis.hpp"
#include "timbre/error.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

AnalysisJobs::AnalysisJobs(LiveLibrary& library, std::vector<std::filesystem::path> roots, unsigned workers)
    : library_(library), workers_(workers), status_({{"state", "idle"}}) {
    for (const auto& root : roots) {
        std::error_code error;
        const auto canonical = std::filesystem::canonical(root, error);
        if (error || !std::filesystem::is_directory(canonical)) {
            throw Error("--library " + root.string() + ": not a folder");
        }
        roots_.push_back(canonical);
    }
}

AnalysisJobs::~AnalysisJobs() = default;

nlohmann::ordered_json AnalysisJobs::start(const std::string& path) {
    if (roots_.empty()) {
        throw ApiError(403, "this server analyses nothing: start it with --library DIR to allow analysis of files there");
    }
    std::error_code error;
    const auto canonical = std::filesystem::canonical(path, error);
    if (error) {
        throw ApiError(404, "no such file or folder: " + path);
    }
    if (std::none_of(roots_.begin(), roots_.end(), [&](const auto& root) { return inside_folder(canonical, root); })) {
        throw ApiError(403, path + " is outside the library folders this server was given");
    }
    std::lock_guard lock(mutex_);
    if (status_.at("state") == "running") {
        throw ApiError(409, "an analysis is running (" + status_.at("path").get<std::string>() + "): wait for it to end");
    }
    status_ = {{"state", "running"}, {"path", canonical.string()}, {"total", 0}, {"done", 0}, {"failed", 0}, {"error", ""}};
    thread_ = std::jthread([this, canonical] { run(canonical); });
    return status_;
}

nlohmann::ordered_json AnalysisJobs::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void AnalysisJobs::run(std::filesystem::path path) {
    try {
        const std::string config = library_.config_path();
        const LoadedPipeline pipeline = load_pipeline(config, library_.plugin_paths());
        const auto tracks = collect_tracks({path}, Shard{});
        {
            std::lock_guard lock(mutex_);
            status_["total"] = tracks.size();
        }
        SqliteResultStore store(library_.store());
        const StoreAnalysisRequest request{
            &pipeline, config, "timbre serve: analyse " + path.string(), tracks, folders_among({path}), workers_, true};
        analyse_into_store(request, store, [&](TrackResult& result) {
            std::lock_guard lock(mutex_);
            status_["done"] = status_["done"].get<std::size_t>() + 1;
            status_["failed"] = status_["failed"].get<std::size_t>() + (result.status == TrackStatus::failed);
        });
        library_.reload();
        std::lock_guard lock(mutex_);
        status_["state"] = "done";
    } catch (const std::exception& error) {
        spdlog::error("analysis of {} failed: {}", path.string(), error.what());
        std::lock_guard lock(mutex_);
        status_["state"] = "failed";
        status_["error"] = error.what();
    }
}

}  // namespace timbre::host
