// SPDX-License-Identifier: GPL-3.0-or-later
// The descriptors of plugin libraries, cached on disk the way LV2 hosts read manifests and
// DAWs keep a plugin cache: a command that only needs descriptors (validate, plugins, the
// checks before analyze) reads them here instead of loading every library, libtorch
// included. An entry is valid for one library file as it was (size and modification time)
// under one SDK ABI; anything else, or a damaged cache, is a miss and the library is loaded.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "timbre/descriptor.hpp"
#include "tracks/file_stamp.hpp"

namespace timbre::host {

class PluginManifest {
public:
    // An empty manifest when the file is missing, unreadable, damaged or from another ABI.
    static PluginManifest read(const std::filesystem::path& file);

    // The descriptors recorded for `library` if it still has this stamp.
    const std::vector<Descriptor>* find(const std::filesystem::path& library, const FileStamp& stamp) const;
    void record(const std::filesystem::path& library, const FileStamp& stamp, std::vector<Descriptor> descriptors);

    bool changed() const { return changed_; }

    // Replaces the file atomically (a temporary beside it, then rename), without the
    // libraries that no longer exist; false if it cannot.
    bool write(const std::filesystem::path& file) const;

private:
    struct Entry {
        FileStamp stamp;
        std::vector<Descriptor> descriptors;
    };
    std::map<std::filesystem::path, Entry> entries_;
    bool changed_ = false;
};

// Where the cache lives: $TIMBRE_PLUGIN_CACHE ("off" disables it), else
// $XDG_CACHE_HOME/timbre/plugins.json, else ~/.cache/timbre/plugins.json; empty if none.
std::filesystem::path plugin_manifest_file();

}  // namespace timbre::host
