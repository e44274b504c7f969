// Opened bundles what a LibraryApi refers to, so the API handed out keeps all of it alive (an
// aliasing shared pointer) for as long as any request still uses an older library.
#include "web/live_library.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "cli/store_metrics.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

struct LiveLibrary::Opened {
    Opened(const std::filesystem::path& store, const std::string& mix, const std::vector<std::string>& plugin_paths)
        : library(store, mix, plugin_paths), saved(saved_playlists_of(store)),
          api(library.catalogue, *library.similarity, saved ? &*saved : nullptr) {}

    static std::optional<SavedPlaylists> saved_playlists_of(const std::filesystem::path& store) {
        try {
            return SavedPlaylists(store);
        } catch (const Error& error) {
            spdlog::warn("{}: serving without saved playlists", error.what());
            return std::nullopt;
        }
    }

    StoreSimilarity library;
    std::optional<SavedPlaylists> saved;
    LibraryApi api;
};

LiveLibrary::LiveLibrary(std::filesystem::path store, std::string metric_mix, std::vector<std::string> plugin_paths)
    : store_(std::move(store)), metric_mix_(std::move(metric_mix)), plugin_paths_(std::move(plugin_paths)),
      opened_(open()) {}

LiveLibrary::~LiveLibrary() = default;

std::shared_ptr<const LiveLibrary::Opened> LiveLibrary::open() const {
    return std::make_shared<const Opened>(store_, metric_mix_, plugin_paths_);
}

std::shared_ptr<const LiveLibrary::Opened> LiveLibrary::snapshot() const {
    std::lock_guard lock(mutex_);
    return opened_;
}

std::shared_ptr<const LibraryApi> LiveLibrary::current() const {
    auto opened = snapshot();
    return {opened, &opened->api};
}

void LiveLibrary::reload() {
    auto fresh = open();
    std::lock_guard lock(mutex_);
    opened_ = std::move(fresh);
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
