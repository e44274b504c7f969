// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the metadata a music library already carries (artist, title, album, genre, year and
// embedded lyrics) through TagLib, so results can be browsed by what listeners know.
#pragma once

#include <filesystem>
#include <string>

namespace timbre::host {

struct TrackTags {
    std::string artist;
    std::string title;
    std::string album;
    std::string genre;
    int year = 0;        // 0 if none
    std::string lyrics;  // ID3v2 USLT, Vorbis/FLAC LYRICS or UNSYNCEDLYRICS; empty if none
};

// Empty fields where a file has no tags or TagLib cannot parse them; never throws.
TrackTags read_tags(const std::filesystem::path& file);

}  // namespace timbre::host
