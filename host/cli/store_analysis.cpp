// SPDX-License-Identifier: GPL-3.0-or-later
// The run row is written before the first track and finished after the last, so an
// interrupted run is visible as one without a finish time. It keeps the data terms of the
// pipeline's models, and the run says once, before any track, when they limit its use.
// Resuming, a file whose stamp (size and time) is as when it was hashed is skipped unread.
#include "cli/store_analysis.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <set>

#include "executor/parallel_analysis.hpp"
#include "ml/model_terms.hpp"
#include "results/json_text.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

namespace {

// Says which models limit the use of the results, once per process for the same notice: a
// web service analyses file after file, each a run of its own, and would repeat it at each.
void say_once(const std::string& notice) {
    static std::mutex saying;
    static std::set<std::string> said;
    const std::lock_guard lock(saying);
    if (said.insert(notice).second) {
        spdlog::warn("{}", notice);
    }
}

// Each track of the library under the walked folders that the walk did not find and whose
// file does not exist gets a failed row saying so, which takes it out of the library (and out
// of similarity and playlists). A folder in which the walk found nothing is left alone: it is
// more likely an unmounted drive than a library deleted whole.
void record_gone_tracks(const StoreAnalysisRequest& request, ResultStore& store, std::int64_t run_id,
                        const std::map<std::string, LatestAnalysis>& before) {
    std::vector<std::filesystem::path> folders;
    for (const auto& folder : request.folders) {
        if (std::any_of(request.tracks.begin(), request.tracks.end(),
                        [&](const auto& track) { return inside_folder(track, folder); })) {
            folders.push_back(folder);
        } else {
            spdlog::warn(
                "{} holds no audio files now: the tracks analysed there stay in the library (is a drive "
                "unmounted?)",
                folder.string());
        }
    }
    const std::set<std::filesystem::path> walked(request.tracks.begin(), request.tracks.end());
    const std::string pipeline = request.pipeline->graph->fingerprint();
    std::size_t gone = 0;
    for (const auto& entry : before) {
        const std::string& path = entry.first;
        const LatestAnalysis& latest = entry.second;
        if (!latest.ok || walked.contains(path) ||
            std::none_of(folders.begin(), folders.end(),
                         [&](const auto& folder) { return inside_folder(path, folder); })) {
            continue;
        }
        std::error_code unreadable;  // a file that cannot be looked at (permissions, I/O) is not gone
        if (std::filesystem::symlink_status(path, unreadable).type() != std::filesystem::file_type::not_found) {
            continue;
        }
        TrackResult result;
        result.path = path;
        result.content_hash = latest.content_hash;
        result.error = "gone: the file is no longer there (deleted, or moved since it was analysed)";
        store.record_track(run_id, pipeline, result);
        ++gone;
    }
    if (gone > 0) {
        spdlog::info("{} {} the library: {} no longer there", gone, gone == 1 ? "track left" : "tracks left",
                     gone == 1 ? "its file is" : "their files are");
    }
}

}  // namespace

std::vector<std::filesystem::path> folders_among(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> folders;
    std::copy_if(paths.begin(), paths.end(), std::back_inserter(folders),
                 [](const std::filesystem::path& path) { return std::filesystem::is_directory(path); });
    return folders;
}

RunCounts analyse_into_store(const StoreAnalysisRequest& request, ResultStore& store,
                             const std::function<void(TrackResult&)>& on_track) {
    const Graph& graph = *request.pipeline->graph;
    const auto models = request.models ? *request.models : pipeline_model_terms(graph, *request.pipeline->registry);
    if (const auto notice = limited_use_notice(models)) {
        say_once(*notice);
    }
    const std::int64_t run_id =
        store.begin_run({request.command, request.config_path, request.pipeline->config.text, graph.fingerprint(),
                         graph.canonical_text(), json_text(model_terms_json(models))});
    AnalysisOptions analysis{request.jobs, {}, request.isolation, request.instance};
    if (request.resume) {
        analysis.completed_hashes = store.completed_hashes(graph.fingerprint());
        spdlog::info("resuming: {} tracks already analysed by this pipeline", analysis.completed_hashes.size());
    }
    const auto latest = store.latest_analyses();
    const auto known = store.known_files();
    // Each file's stamp is taken before it is hashed, so that recorded with the hash it gets
    // it can only make a later run hash the file again, never trust a hash of other bytes.
    std::vector<std::optional<FileStamp>> stamps(request.tracks.size());
    RunCounts counts;
    const auto finished = [&](TrackResult& result) {
        if (result.status != TrackStatus::skipped) {
            store.record_track(run_id, graph.fingerprint(), result);
        } else if (const auto before = latest.find(result.path.string());
                   before == latest.end() || !before->second.ok || before->second.content_hash != result.content_hash) {
            const std::string from =
                store.record_earlier_analysis(run_id, graph.fingerprint(), result.path, result.content_hash);
            spdlog::info("{}: the same file as {}, analysed before: its results recorded under this path",
                         result.path.string(), from);
        }
        if (const auto& stamp = stamps[result.index]; stamp && !result.content_hash.empty()) {
            const auto remembered = known.find(result.path.string());
            if (remembered == known.end() || remembered->second.stamp != *stamp ||
                remembered->second.content_hash != result.content_hash) {
                store.remember_file(result.path.string(), {*stamp, result.content_hash});
            }
        }
        counts.ok += result.status == TrackStatus::ok;
        counts.failed += result.status == TrackStatus::failed;
        counts.skipped += result.status == TrackStatus::skipped;
        on_track(result);
    };
    // Resuming, a file whose size and time are as when its content was hashed, and whose
    // content this pipeline analysed, is skipped without being read again.
    std::vector<std::filesystem::path> to_analyse;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < request.tracks.size(); ++i) {
        stamps[i] = FileStamp::of(request.tracks[i]);
        const auto remembered = known.find(request.tracks[i].string());
        if (request.resume && stamps[i] && remembered != known.end() && remembered->second.stamp == *stamps[i] &&
            analysis.completed_hashes.contains(remembered->second.content_hash)) {
            TrackResult result;
            result.index = i;
            result.path = request.tracks[i];
            result.status = TrackStatus::skipped;
            result.content_hash = remembered->second.content_hash;
            finished(result);
        } else {
            to_analyse.push_back(request.tracks[i]);
            positions.push_back(i);
        }
    }
    if (!to_analyse.empty()) {
        analyse_in_parallel(graph, *request.pipeline->registry, to_analyse, analysis, [&](TrackResult result) {
            result.index = positions.at(result.index);
            finished(result);
        });
    }
    record_gone_tracks(request, store, run_id, latest);
    store.finish_run(run_id, counts);
    return counts;
}

}  // namespace timbre::host
