// SPDX-License-Identifier: GPL-3.0-or-later
// One analysis run into a results store: a run recorded, every track analysed in parallel and
// committed the moment it finishes, tracks this pipeline already analysed skipped when
// resuming (recorded under their path if it is a new one), and tracks whose files left the
// walked folders taken out of the library. What `timbre analyze` does, and what the web
// service's analysis jobs do, so the two cannot store differently.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/pipeline_loading.hpp"
#include "graph/graph_instance.hpp"
#include "isolation/isolated_analysis.hpp"
#include "ml/model_terms.hpp"
#include "results/result_store.hpp"

namespace timbre::host {

struct StoreAnalysisRequest {
    const LoadedPipeline* pipeline = nullptr;
    std::string config_path;   // absolute: `similar` re-reads it (and what it includes) from any folder
    std::string command;       // recorded with the run
    std::vector<std::filesystem::path> tracks;
    // The folders `tracks` were found in: a track of the store's library under one of them
    // whose file is no longer there (deleted, or moved: found again under its new path) leaves
    // the library.
    std::vector<std::filesystem::path> folders;
    unsigned jobs = 1;
    bool resume = false;
    std::optional<IsolationOptions> isolation;  // analyse in worker processes
    GraphInstance* instance = nullptr;          // kept for analyses to come (AnalysisOptions::instance)
    // The pipeline's model terms (pipeline_model_terms), kept with `instance`; read from the
    // models' files when absent.
    const std::vector<NodeModelTerms>* models = nullptr;
};

// The folders among the paths a user asked to analyse (the request's `folders`).
std::vector<std::filesystem::path> folders_among(const std::vector<std::filesystem::path>& paths);

// Calls `on_track` on the calling thread for each track as it finishes (skipped ones too),
// after it is stored. Returns the run's counts.
RunCounts analyse_into_store(const StoreAnalysisRequest& request, ResultStore& store,
                             const std::function<void(TrackResult&)>& on_track);

}  // namespace timbre::host
