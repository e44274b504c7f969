// SPDX-License-Identifier: GPL-3.0-or-later
// How fast a results store takes tracks, as `analyze` writes them: one real track analysed
// with the given pipeline, then recorded N times (each under its own path and hash, each in
// its own transaction, as a finished track is) into a fresh SQLite store, and into a
// PostgreSQL store when one is given. Then the SQLite store is merged into another, as
// `timbre merge` gathers shards. Prints tracks per second of each, and the store's size per
// track: the figures docs/scale.md builds its table from.
// Usage: timbre_store_write_bench CONFIG AUDIO_FILE [TRACKS [POSTGRESQL_ADDRESS]]   (default 2000)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/pipeline_loading.hpp"
#include "executor/track_analysis.hpp"
#include "graph/graph_instance.hpp"
#include "results/postgres_result_store.hpp"
#include "results/result_store.hpp"
#include "results/store_merge.hpp"

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// Records `track` `count` times into `store` as one run; returns the seconds it took.
double record_copies(timbre::host::ResultStore& store, const timbre::host::LoadedPipeline& pipeline,
                     timbre::host::TrackResult track, std::size_t count, const std::string& config) {
    const auto run = store.begin_run({"bench", config, pipeline.config.text, pipeline.graph->fingerprint(),
                                      pipeline.graph->canonical_text()});
    const auto started = Clock::now();
    for (std::size_t i = 0; i < count; ++i) {
        track.path = "/library/track-" + std::to_string(i) + ".ogg";
        track.content_hash = std::to_string(i);
        store.record_track(run, pipeline.graph->fingerprint(), track);
    }
    const double seconds = seconds_since(started);
    store.finish_run(run, {count, 0, 0});
    return seconds;
}
}  // namespace

int main(int argc, char** argv) {
    using namespace timbre::host;
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s CONFIG AUDIO_FILE [TRACKS [POSTGRESQL_ADDRESS]]\n", argv[0]);
        return 1;
    }
    const std::size_t count = argc > 3 ? std::stoul(argv[3]) : 2000;
    const LoadedPipeline pipeline = load_pipeline(argv[1], {});
    GraphInstance instance(*pipeline.graph, *pipeline.registry);
    TrackResult track = analyse_track(0, argv[2], instance, {});
    if (track.status != TrackStatus::ok) {
        std::fprintf(stderr, "%s: %s\n", argv[2], track.error.c_str());
        return 1;
    }
    const auto folder = std::filesystem::temp_directory_path() / "timbre-store-write-bench";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const auto shard = folder / "shard.db";
    {
        SqliteResultStore store(shard);
        const double seconds = record_copies(store, pipeline, track, count, argv[1]);
        std::printf("SQLite, one transaction per track: %zu tracks of %zu stored outputs in %.2f s = %.0f tracks/s\n",
                    count, track.outputs.size(), seconds, static_cast<double>(count) / seconds);
    }
    if (argc > 4) {
        PostgresResultStore store(argv[4]);
        const double seconds = record_copies(store, pipeline, track, count, argv[1]);
        std::printf("PostgreSQL, one transaction per track: %zu tracks in %.2f s = %.0f tracks/s\n", count, seconds,
                    static_cast<double>(count) / seconds);
    }
    std::printf("store size: %.1f KiB per track\n",
                static_cast<double>(std::filesystem::file_size(shard)) / 1024.0 / static_cast<double>(count));
    const auto started = Clock::now();
    const MergeCounts merged = merge_store(folder / "merged.db", shard);
    const double seconds = seconds_since(started);
    std::printf("timbre merge: %zu tracks in %.2f s = %.0f tracks/s\n", merged.tracks_added, seconds,
                static_cast<double>(merged.tracks_added) / seconds);
    std::filesystem::remove_all(folder);
    return 0;
}
