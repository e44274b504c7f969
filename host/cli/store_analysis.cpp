// SPDX-License-Identifier: GPL-3.0-or-later
// The run row is written before the first track and finished after the last, so an
// interrupted run is visible as one without a finish time. It keeps the data terms of the
// pipeline's models, and the run says once, before any track, when they limit its use.
#include "cli/store_analysis.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "executor/parallel_analysis.hpp"
#include "ml/model_terms.hpp"
#include "results/json_text.hpp"

namespace timbre::host {

RunCounts analyse_into_store(const StoreAnalysisRequest& request, ResultStore& store,
                             const std::function<void(TrackResult&)>& on_track) {
    const Graph& graph = *request.pipeline->graph;
    const auto models = pipeline_model_terms(graph, *request.pipeline->registry);
    if (const auto notice = limited_use_notice(models)) {
        spdlog::warn("{}", *notice);
    }
    const std::int64_t run_id =
        store.begin_run({request.command, request.config_path, request.pipeline->config.text, graph.fingerprint(),
                         graph.canonical_text(), json_text(model_terms_json(models))});
    AnalysisOptions analysis{request.jobs, {}, request.isolation};
    if (request.resume) {
        analysis.completed_hashes = store.completed_hashes(graph.fingerprint());
        spdlog::info("resuming: {} tracks already analysed by this pipeline", analysis.completed_hashes.size());
    }
    RunCounts counts;
    analyse_in_parallel(graph, *request.pipeline->registry, request.tracks, analysis, [&](TrackResult result) {
        if (result.status != TrackStatus::skipped) {
            store.record_track(run_id, graph.fingerprint(), result);
        }
        counts.ok += result.status == TrackStatus::ok;
        counts.failed += result.status == TrackStatus::failed;
        counts.skipped += result.status == TrackStatus::skipped;
        on_track(result);
    });
    store.finish_run(run_id, counts);
    return counts;
}

}  // namespace timbre::host
