// SPDX-License-Identifier: GPL-3.0-or-later
// The library the service answers from, replaceable while requests run: each request takes the
// current one (a shared pointer it keeps until it has answered), and when an analysis job has
// added tracks the store is opened again and swapped in, without stopping the service. A
// follower thread does the same when another process (`timbre analyze`) changes the store.
// Tracks are alike in sound (the store's metric mix) and, where its tracks have the mood
// metric's signatures, in mood: a second similarity over the same catalogue.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cli/kept_pipeline.hpp"
#include "web/library_api.hpp"

namespace timbre::host {

// What "alike" means to the service: in sound, a metric mix as for `timbre similar` (empty:
// the config's); in mood, one metric (empty: none).
struct AlikeChoices {
    std::string sound_mix;
    std::string mood_metric = "triplet_mood";
};

class LiveLibrary {
public:
    // Opens the store (throws timbre::Error as StoreSimilarity does). A store without the mood
    // metric is served alike in sound only, with a warning (again only when its reason changes).
    LiveLibrary(std::filesystem::path store, AlikeChoices alike, std::vector<std::string> plugin_paths);
    ~LiveLibrary();

    std::shared_ptr<const LibraryApi> current() const;
    // The current library with `file` admitted as a visitor: analysed with the library's
    // pipeline for this caller alone, nothing written to the store or beside it
    // (LibraryApi::visitor answers for it). Costs the file's analysis (by a pipeline loaded
    // on the first visit and kept until the library is read again; one visitor analysed at a
    // time) and an opening of the library's similarity (its tracks and signatures are copied,
    // not read again); its map is not drawn. Throws timbre::Error as the constructor does.
    std::shared_ptr<const LibraryApi> visited_by(const std::filesystem::path& file) const;
    // Opens the store again; on failure keeps the current library and throws.
    void reload();
    // From now on, checks the store every `interval` and reloads when its tracks changed and
    // the run that changed them has finished (or has written nothing since the last check: a
    // run that died). Stops when the library is destroyed.
    void follow_store(std::chrono::milliseconds interval);

    const std::filesystem::path& store() const { return store_; }
    const std::vector<std::string>& plugin_paths() const { return plugin_paths_; }
    // The config that made the library's similarity signatures: what new tracks are analysed with.
    std::string config_path() const;

private:
    struct Opened;
    std::shared_ptr<const Opened> open() const;
    std::shared_ptr<const Opened> snapshot() const;  // the current one, taken under the lock

    std::filesystem::path store_;
    AlikeChoices alike_;
    std::vector<std::string> plugin_paths_;
    mutable std::mutex mutex_;
    mutable std::mutex visiting_;                // one visitor analysed at a time, on the kept pipeline
    mutable KeptPipeline visitor_pipeline_;
    mutable std::string mood_missing_;      // the last reason for no mood similarity logged ("" for none)
    std::shared_ptr<const Opened> opened_;  // after what open() uses
    std::jthread follower_;  // last: stopped and joined before the rest is destroyed
};

}  // namespace timbre::host
