// SPDX-License-Identifier: GPL-3.0-or-later
// The job thread only touches status_ and waiting_ under the mutex; the store is written by the
// job's own ResultStore (one connection, one thread) while the service keeps answering from the
// library it had, until the reload swaps in the new one.
#include "web/analysis_jobs.hpp"

#include <algorithm>
#include <utility>

#include <spdlog/spdlog.h>

#include "cli/store_analysis.hpp"
#include "timbre/error.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {
namespace {

// The failed tracks a status lists by name (all are counted): a folder of broken files must
// not make every progress poll a long answer.
constexpr std::size_t kFailuresListed = 100;
// The ended jobs whose failures a status `since` a job can still list.
constexpr std::size_t kJobsKept = 16;

// "/music/new" or "/music/uploads/a.wav and 2 more".
std::string described(const std::vector<std::filesystem::path>& batch) {
    const std::string first = batch.front().string();
    return batch.size() == 1 ? first : first + " and " + std::to_string(batch.size() - 1) + " more";
}

}  // namespace

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

nlohmann::ordered_json AnalysisJobs::start(const std::vector<std::string>& paths) {
    if (roots_.empty()) {
        throw ApiError(403, "this server analyses nothing: start it with --library DIR to allow analysis of files there");
    }
    std::vector<std::filesystem::path> batch;
    for (const auto& path : paths) {
        std::error_code error;
        const auto canonical = std::filesystem::canonical(path, error);
        if (error) {
            throw ApiError(404, "no such file or folder: " + path);
        }
        const auto inside = [&](const auto& root) { return inside_folder(canonical, root); };
        if (std::none_of(roots_.begin(), roots_.end(), inside)) {
            throw ApiError(403, path + " is outside the library folders this server was given");
        }
        if (std::find(batch.begin(), batch.end(), canonical) == batch.end()) {
            batch.push_back(canonical);
        }
    }
    std::lock_guard lock(mutex_);
    if (status_.at("state") == "running") {
        for (const auto& canonical : batch) {
            if (std::find(waiting_.begin(), waiting_.end(), canonical) == waiting_.end()) {
                waiting_.push_back(canonical);
            }
        }
        status_["waiting"] = waiting_.size();
        return status_;
    }
    status_ = {{"state", "running"}, {"job", ++jobs_started_}, {"path", described(batch)}, {"total", 0}, {"done", 0},
               {"failed", 0}, {"waiting", 0}, {"failures", nlohmann::ordered_json::array()}, {"error", ""}};
    thread_ = std::jthread([this, batch](std::stop_token stop) { run(stop, batch); });
    return status_;
}

nlohmann::ordered_json AnalysisJobs::status(std::optional<std::uint64_t> since) const {
    std::lock_guard lock(mutex_);
    nlohmann::ordered_json status = status_;
    if (since && status_.contains("job")) {
        auto failures = nlohmann::ordered_json::array();
        const auto add = [&](const nlohmann::ordered_json& listed) {
            for (const auto& failure : listed) {
                if (failures.size() < kFailuresListed) {
                    failures.push_back(failure);
                }
            }
        };
        for (const auto& [job, listed] : ended_) {
            if (job >= *since) {
                add(listed);
            }
        }
        if (status_.at("state") == "running" && status_.at("job").get<std::uint64_t>() >= *since) {
            add(status_.at("failures"));
        }
        status["failures"] = std::move(failures);
    }
    return status;
}

void AnalysisJobs::run(std::stop_token stop, std::vector<std::filesystem::path> batch) {
    try {
        const std::string config = library_.config_path();
        const LoadedPipeline pipeline = load_pipeline(config, library_.plugin_paths());
        for (;;) {
            const auto tracks = collect_tracks(batch, Shard{});
            {
                std::lock_guard lock(mutex_);
                status_["total"] = status_["total"].get<std::size_t>() + tracks.size();
            }
            SqliteResultStore store(library_.store());
            const StoreAnalysisRequest request{&pipeline, config, "timbre serve: analyse " + described(batch),
                                               tracks,    folders_among(batch), workers_, true};
            analyse_into_store(request, store, [&](TrackResult& result) {
                std::lock_guard lock(mutex_);
                status_["done"] = status_["done"].get<std::size_t>() + 1;
                if (result.status == TrackStatus::failed) {
                    status_["failed"] = status_["failed"].get<std::size_t>() + 1;
                    if (status_["failures"].size() < kFailuresListed) {
                        status_["failures"].push_back({{"path", result.path.string()}, {"error", result.error}});
                    }
                }
            });
            library_.reload();
            std::lock_guard lock(mutex_);
            if (waiting_.empty() || stop.stop_requested()) {
                status_["state"] = "done";
                keep_ended();
                return;
            }
            batch = std::exchange(waiting_, {});
            status_["path"] = described(batch);
            status_["waiting"] = 0;
        }
    } catch (const std::exception& error) {
        spdlog::error("analysis of {} failed: {}", described(batch), error.what());
        std::lock_guard lock(mutex_);
        status_["state"] = "failed";
        status_["error"] = error.what();
        waiting_.clear();
        status_["waiting"] = 0;
        keep_ended();
    }
}

void AnalysisJobs::keep_ended() {
    ended_.emplace_back(status_.at("job").get<std::uint64_t>(), status_.at("failures"));
    if (ended_.size() > kJobsKept) {
        ended_.pop_front();
    }
}

}  // namespace timbre::host
