// SPDX-License-Identifier: GPL-3.0-or-later
// Opened bundles what a LibraryApi refers to, so the API handed out keeps all of it alive (an
// aliasing shared pointer) for as long as any request still uses an older library.
#include "web/live_library.hpp"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <optional>

#include "cli/named_file_addition.hpp"
#include "cli/store_metrics.hpp"
#include "timbre/error.hpp"
#include "results/store_version.hpp"

namespace timbre::host {

struct LiveLibrary::Opened {
    // The version is read first: a change made while the library opens is seen as a change.
    Opened(const std::filesystem::path& store, const AlikeChoices& alike, const std::vector<std::string>& plugin_paths)
        : version(read_store_version(store)),
          library(store, alike.sound_mix, plugin_paths),
          mood(mood_of(library.catalogue, store, alike.mood_metric, plugin_paths, mood_missing)),
          saved(saved_playlists_of(store)),
          api(library.catalogue, *library.similarity, mood ? &mood->similarity : nullptr, saved ? &*saved : nullptr,
              LibraryMap::drawn) {}

    // `base`'s library with `visitors` admitted: one request's, with no saved playlists and
    // no map; neither the store's tracks nor the metrics' pipelines are read again, and the
    // similarities borrow from the base's, which is kept while this lives.
    Opened(std::shared_ptr<const Opened> base, const TrackCatalogue& visitors, const std::filesystem::path& store)
        : borrowed_from(std::move(base)),
          version(borrowed_from->version),
          library(borrowed_from->library, visitors, store),
          mood_missing(borrowed_from->mood_missing),
          mood(borrowed_from->mood ? std::make_unique<RemixedSimilarity>(*borrowed_from->mood, library.catalogue, store)
                                   : nullptr),
          api(library.catalogue, *library.similarity, mood ? &mood->similarity : nullptr, nullptr,
              LibraryMap::skipped) {}

    // nullptr, with the reason in `missing`, when the store gives no mood similarity.
    static std::unique_ptr<RemixedSimilarity> mood_of(const TrackCatalogue& catalogue,
                                                      const std::filesystem::path& store, const std::string& metric,
                                                      const std::vector<std::string>& plugin_paths,
                                                      std::string& missing) {
        if (metric.empty()) {
            return nullptr;
        }
        try {
            auto opened = std::make_unique<RemixedSimilarity>(catalogue, store, metric, plugin_paths);
            if (!opened->similarity.members().empty()) {
                return opened;
            }
            missing = "no track has a signature of the mood metric '" + metric + "'";
        } catch (const Error& error) {
            missing = "mood metric '" + metric + "': " + error.what();
        }
        return nullptr;
    }

    static std::optional<SavedPlaylists> saved_playlists_of(const std::filesystem::path& store) {
        try {
            return SavedPlaylists(store);
        } catch (const Error& error) {
            spdlog::warn("{}: serving without saved playlists", error.what());
            return std::nullopt;
        }
    }

    std::shared_ptr<const Opened> borrowed_from;  // a visitor's library's base; nullptr for the library itself
    StoreVersion version;
    StoreSimilarity library;
    std::string mood_missing;                 // why there is no mood similarity ("" when there is, or none was asked)
    std::unique_ptr<RemixedSimilarity> mood;  // nullptr: the store has no mood metric
    std::optional<SavedPlaylists> saved;
    LibraryApi api;
};

LiveLibrary::LiveLibrary(std::filesystem::path store, AlikeChoices alike, std::vector<std::string> plugin_paths)
    : store_(std::move(store)), alike_(std::move(alike)), plugin_paths_(std::move(plugin_paths)), opened_(open()) {}

LiveLibrary::~LiveLibrary() = default;

std::shared_ptr<const LiveLibrary::Opened> LiveLibrary::open() const {
    auto opened = std::make_shared<const Opened>(store_, alike_, plugin_paths_);
    std::lock_guard lock(mutex_);
    if (opened->mood_missing != mood_missing_) {  // said once, not at every reload
        mood_missing_ = opened->mood_missing;
        if (!mood_missing_.empty()) {
            spdlog::warn("{}: serving tracks alike in sound only", mood_missing_);
        }
    }
    return opened;
}

std::shared_ptr<const LiveLibrary::Opened> LiveLibrary::snapshot() const {
    std::lock_guard lock(mutex_);
    return opened_;
}

std::shared_ptr<const LibraryApi> LiveLibrary::current() const {
    auto opened = snapshot();
    return {opened, &opened->api};
}

std::shared_ptr<const LibraryApi> LiveLibrary::visited_by(const std::filesystem::path& file) const {
    const auto base = snapshot();
    TrackCatalogue visitors;
    {
        std::lock_guard lock(visiting_);
        visitors = visitors_of(base->library.catalogue, store_, {file.string()}, plugin_paths_, &visitor_pipeline_);
    }
    auto opened = std::make_shared<const Opened>(base, visitors, store_);
    return {opened, &opened->api};
}

void LiveLibrary::reload() {
    auto fresh = open();
    {
        // The store changed: its models may have been trained again and its tracks analysed anew.
        std::lock_guard lock(visiting_);
        visitor_pipeline_ = KeptPipeline();
    }
    std::lock_guard lock(mutex_);
    opened_ = std::move(fresh);
}

void LiveLibrary::follow_store(std::chrono::milliseconds interval) {
    follower_ = std::jthread([this, interval](std::stop_token stop) {
        std::mutex sleeping;
        std::condition_variable_any wake;
        std::optional<StoreVersion> previous;
        for (;;) {
            std::unique_lock lock(sleeping);
            if (wake.wait_for(lock, stop, interval, [] { return false; }) || stop.stop_requested()) {
                return;
            }
            try {
                const StoreVersion now = read_store_version(store_);
                const bool settled = now.newest_run_finished || (previous && previous->same_tracks(now));
                previous = now;
                if (!now.same_tracks(snapshot()->version) && settled) {
                    spdlog::info("{} changed ({} tracks now): reading it again", store_.string(), now.tracks);
                    reload();
                }
            } catch (const std::exception& error) {
                spdlog::warn("following the store: {} (serving the library as it was)", error.what());
            }
        }
    });
}

std::string LiveLibrary::config_path() const {
    const auto opened = snapshot();
    const auto nodes = opened->library.catalogue.signature_nodes();
    if (nodes.empty()) {
        throw Error("the store has no similarity signatures, so no pipeline to analyse new tracks with");
    }
    return opened->library.catalogue.config_of(nodes.front()).config_path;
}

}  // namespace timbre::host
