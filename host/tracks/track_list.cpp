// SPDX-License-Identifier: GPL-3.0-or-later
// Folder walking with std::filesystem; unreadable sub-folders are skipped, not fatal, and
// symbolic links are followed once: a link back to an ancestor does not walk the library again.
#include "tracks/track_list.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <compare>
#include <optional>
#include <set>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
bool has_audio_extension(const std::filesystem::path& file) {
    static const std::set<std::string> extensions{
        ".wav", ".wave", ".aif",  ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".mp3",  ".mp2",  ".opus", ".spx",
        ".m4a", ".m4b",  ".aac",  ".wma",  ".wv",   ".ape",  ".mpc", ".mka", ".webm", ".weba", ".tta",  ".tak",
        ".shn", ".ac3",  ".eac3", ".dts",  ".amr",  ".au",   ".snd", ".caf", ".w64",  ".dsf",  ".dff"};
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    return extensions.count(extension) != 0;
}

// What a path leads to on disk, after following links: two paths with one identity are one
// file or folder.
struct DiskIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    auto operator<=>(const DiskIdentity&) const = default;
};

std::optional<DiskIdentity> identity_of(const std::filesystem::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {
        return std::nullopt;  // a broken link or a link loop: kept, to fail as a track that says so
    }
    return DiskIdentity{status.st_dev, status.st_ino};
}

// Walks `folder` depth first in sorted order, so that of several paths to one file or folder
// (symbolic links) the first in that order is the one kept, whatever order the file system
// lists entries in. A folder reached again (a link to an ancestor loops forever otherwise) is
// not walked again, and a file reached again not taken again.
class FolderWalk {
public:
    explicit FolderWalk(const std::filesystem::path& root) {
        if (const auto identity = identity_of(root)) {
            folders_.insert(*identity);
        }
        walk(root);
    }
    std::vector<std::filesystem::path> found;

private:
    void walk(const std::filesystem::path& folder) {
        std::error_code error;
        std::vector<std::filesystem::directory_entry> entries;
        for (std::filesystem::directory_iterator it(folder, std::filesystem::directory_options::skip_permission_denied,
                                                    error);
             !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
            entries.push_back(*it);
        }
        if (error) {
            spdlog::warn("could not list the folder {}: {} (the tracks in it are left out)", folder.string(),
                         error.message());
        }
        std::sort(entries.begin(), entries.end());
        for (const auto& entry : entries) {
            std::error_code kind_error;
            const bool is_folder = entry.is_directory(kind_error);
            if (!is_folder && !has_audio_extension(entry.path())) {
                continue;
            }
            const auto identity = identity_of(entry.path());
            if (is_folder) {
                if (identity && !folders_.insert(*identity).second) {
                    spdlog::warn("not walking {}: it leads to {}, a folder already walked", entry.path().string(),
                                 std::filesystem::weakly_canonical(entry.path(), kind_error).string());
                } else {
                    walk(entry.path());
                }
            } else if (!identity || files_.insert(*identity).second) {
                found.push_back(entry.path());
            } else {
                spdlog::info("not taking {}: it leads to {}, a file already taken", entry.path().string(),
                             std::filesystem::weakly_canonical(entry.path(), kind_error).string());
            }
        }
    }

    std::set<DiskIdentity> folders_, files_;
};

}  // namespace

Shard parse_shard(const std::string& text) {
    Shard shard;
    const auto slash = text.find('/');
    const auto parse = [&](std::string_view part, unsigned& value) {
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        return ec == std::errc() && ptr == part.data() + part.size();
    };
    const std::string_view view(text);
    if (slash == std::string::npos || !parse(view.substr(0, slash), shard.index) ||
        !parse(view.substr(slash + 1), shard.count) || shard.index < 1 || shard.index > shard.count) {
        throw Error("--shard '" + text + "' must be K/N with 1 <= K <= N, e.g. 2/8");
    }
    return shard;
}

std::vector<std::filesystem::path> collect_tracks(const std::vector<std::filesystem::path>& arguments, Shard shard) {
    std::vector<std::filesystem::path> tracks;
    for (const auto& argument : arguments) {
        std::error_code error;
        if (!std::filesystem::is_directory(argument, error)) {
            tracks.push_back(argument);
            continue;
        }
        std::vector<std::filesystem::path> found = FolderWalk(argument).found;
        std::sort(found.begin(), found.end());
        tracks.insert(tracks.end(), found.begin(), found.end());
    }
    std::vector<std::filesystem::path> unique;
    std::set<std::filesystem::path> seen;
    for (auto& track : tracks) {
        if (seen.insert(track.lexically_normal()).second) {
            unique.push_back(std::move(track));
        }
    }
    std::vector<std::filesystem::path> selected;
    for (std::size_t i = 0; i < unique.size(); ++i) {
        if (i % shard.count == shard.index - 1) {
            selected.push_back(std::move(unique[i]));
        }
    }
    return selected;
}

bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder) {
    const auto relative = path.lexically_normal().lexically_relative(folder.lexically_normal());
    return !relative.empty() && *relative.begin() != "..";
}

}  // namespace timbre::host
