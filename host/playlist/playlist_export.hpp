// SPDX-License-Identifier: GPL-3.0-or-later
// A playlist as files players and servers import: M3U8 (#EXTM3U with #EXTINF durations and
// "Artist - Title"; paths absolute, or relative to a folder so Navidrome, Jellyfin and MPD
// resolve them against their library root), XSPF (file:// URIs, percent-encoded), and JSON
// with the reasons each track is there.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "playlist/playlist_strategy.hpp"

namespace timbre::host {

enum class PlaylistFormat { m3u8, xspf, json };

// By the file's extension (.m3u8, .m3u, .xspf, .json); throws timbre::Error for another.
PlaylistFormat playlist_format_of(const std::filesystem::path& file);

// `relative_to`: write paths relative to this folder (M3U8 and JSON; XSPF locations stay
// absolute URIs, as the format requires).
std::string render_playlist(const std::vector<PlaylistEntry>& entries, const TrackCatalogue& catalogue,
                            PlaylistFormat format, const std::string& title,
                            const std::optional<std::filesystem::path>& relative_to);

}  // namespace timbre::host
