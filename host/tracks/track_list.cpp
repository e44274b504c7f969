// Folder walking with std::filesystem; unreadable sub-folders are skipped, not fatal.
#include "tracks/track_list.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
bool has_audio_extension(const std::filesystem::path& file) {
    static const std::set<std::string> extensions{".wav", ".wave", ".aif", ".aiff", ".aifc", ".flac", ".ogg",
                                                  ".oga",  ".mp3",  ".opus", ".m4a",  ".aac",  ".wma"};
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    return extensions.count(extension) != 0;
}
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
        std::vector<std::filesystem::path> found;
        const auto options = std::filesystem::directory_options::skip_permission_denied |
                             std::filesystem::directory_options::follow_directory_symlink;
        for (auto it = std::filesystem::recursive_directory_iterator(argument, options, error);
             it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
            if (error) {
                break;
            }
            if (!it->is_directory(error) && has_audio_extension(it->path())) {
                found.push_back(it->path());
            }
        }
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

}  // namespace timbre::host
