// SPDX-License-Identifier: GPL-3.0-or-later
// Analysis of new files from the web page: on its own thread, over files or folders inside the
// folders the service was given with --library (their real path, links resolved, must lie
// inside one: nothing else is read), with the pipeline that made the library, resuming past
// what is stored. A path asked for while a job runs waits, and everything that waited is
// analysed together when the job's batch ends (ten uploads are one batch, not ten), before the
// service's library is reloaded with what was added. Progress can be read at any time.
#pragma once

#include <filesystem>
#include <mutex>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <stop_token>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/live_library.hpp"

namespace timbre::host {

class AnalysisJobs {
public:
    AnalysisJobs(LiveLibrary& library, std::vector<std::filesystem::path> roots, unsigned workers);
    ~AnalysisJobs();  // waits for the running batch; what waits behind it is not started

    // Starts analysing `paths` (files or folders) as one batch, or queues them behind the
    // running job. ApiError, before anything is started or queued: 403 for a path outside the
    // library folders (or none given), 404 for one that does not exist.
    nlohmann::ordered_json start(const std::vector<std::string>& paths);
    // {state: idle|running|done|failed, job, path, total, done, failed, waiting, failures:
    // [{path, error}], error}; the counts cover every batch since the job started from idle,
    // `job` numbers the jobs from 1. With `since`, the failures are those of every job from
    // that one on (of the last 16 jobs), so that a client whose uploads were spread over
    // several jobs (one ended before the next upload came) hears of each failure.
    nlohmann::ordered_json status(std::optional<std::uint64_t> since = std::nullopt) const;

private:
    void run(std::stop_token stop, std::vector<std::filesystem::path> batch);
    // Keeps the job that just ended among `ended_` (under `mutex_`).
    void keep_ended();

    LiveLibrary& library_;
    std::vector<std::filesystem::path> roots_;  // canonical
    unsigned workers_;
    mutable std::mutex mutex_;
    nlohmann::ordered_json status_;
    std::uint64_t jobs_started_ = 0;
    std::deque<std::pair<std::uint64_t, nlohmann::ordered_json>> ended_;  // the last jobs' numbers and failures
    std::vector<std::filesystem::path> waiting_;  // asked for while a batch ran
    std::jthread thread_;
};

}  // namespace timbre::host
