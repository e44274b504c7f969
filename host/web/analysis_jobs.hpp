// SPDX-License-Identifier: GPL-3.0-or-later
// Analysis of new files from the web page: one job at a time, on its own thread, over a file
// or folder inside the folders the service was given with --library (its real path, links
// resolved, must lie inside one: nothing else is read), with the pipeline that made the
// library, resuming past what is stored. Progress can be read at any time; when the job ends,
// the service's library is reloaded with what it added.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "web/live_library.hpp"

namespace timbre::host {

class AnalysisJobs {
public:
    AnalysisJobs(LiveLibrary& library, std::vector<std::filesystem::path> roots, unsigned workers);
    ~AnalysisJobs();  // waits for a running job

    // Starts analysing `path`. ApiError: 403 outside the library folders (or none given),
    // 404 for a path that does not exist, 409 while another job runs.
    nlohmann::ordered_json start(const std::string& path);
    // {state: idle|running|done|failed, path, total, done, failed, error}
    nlohmann::ordered_json status() const;

private:
    void run(std::filesystem::path path);

    LiveLibrary& library_;
    std::vector<std::filesystem::path> roots_;  // canonical
    unsigned workers_;
    mutable std::mutex mutex_;
    nlohmann::ordered_json status_;
    std::jthread thread_;
};

}  // namespace timbre::host
