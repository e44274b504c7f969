// SPDX-License-Identifier: GPL-3.0-or-later
// XSPF text is XML-escaped and locations are RFC 3986 percent-encoded byte by byte, so any
// file name (spaces, accents, '#', bytes that are not UTF-8) survives a round trip through a
// standard parser; text that names a track by its file (a reason, a title) has such bytes
// replaced by U+FFFD, since XML must be UTF-8.
#include "playlist/playlist_export.hpp"

#include <nlohmann/json.hpp>
#include <utf8.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "results/json_text.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

std::string escape_xml(const std::string& text) {
    std::string out;
    for (char c : utf8::replace_invalid(text)) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            continue;  // XML 1.0 has no way to write the other control characters, a tag's BEL among them
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

// M3U text on one line: a line break in a tag or a playlist's name would end the line early,
// and every reader takes what follows it for a file to play.
std::string one_line(std::string text) {
    std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
    return text;
}

std::string file_uri(const std::filesystem::path& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string uri = "file://";
    for (const unsigned char c : std::filesystem::absolute(path).lexically_normal().string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri;
}

std::string written_path(const std::filesystem::path& path, const std::optional<std::filesystem::path>& relative_to) {
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    return relative_to ? absolute.lexically_relative(std::filesystem::absolute(*relative_to).lexically_normal()).string()
                       : absolute.string();
}

}  // namespace

PlaylistFormat playlist_format_of(const std::filesystem::path& file) {
    const std::string extension = file.extension().string();
    if (extension == ".m3u8" || extension == ".m3u") return PlaylistFormat::m3u8;
    if (extension == ".xspf") return PlaylistFormat::xspf;
    if (extension == ".json") return PlaylistFormat::json;
    throw Error("--out " + file.string() + ": write .m3u8, .xspf or .json");
}

std::string render_playlist(const std::vector<PlaylistEntry>& entries, const TrackCatalogue& catalogue,
                            PlaylistFormat format, const std::string& title,
                            const std::optional<std::filesystem::path>& relative_to) {
    std::ostringstream out;
    if (format == PlaylistFormat::m3u8) {
        out << "#EXTM3U\n#PLAYLIST:" << one_line(title) << "\n";
        for (const auto& entry : entries) {
            const auto& track = catalogue.tracks()[entry.track];
            const std::string path = written_path(track.path, relative_to);
            out << "#EXTINF:" << std::lround(track.duration_seconds) << "," << one_line(track.display_name()) << "\n"
                // A line that starts with '#' is a comment to every M3U reader: "./#1 hit.mp3" is not.
                << (path.starts_with('#') ? "./" : "") << path << "\n";
        }
    } else if (format == PlaylistFormat::xspf) {
        out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n"
            << "  <title>" << escape_xml(title) << "</title>\n  <trackList>\n";
        for (const auto& entry : entries) {
            const auto& track = catalogue.tracks()[entry.track];
            out << "    <track>\n      <location>" << escape_xml(file_uri(track.path)) << "</location>\n";
            if (!track.title.empty()) out << "      <title>" << escape_xml(track.title) << "</title>\n";
            if (!track.artist.empty()) out << "      <creator>" << escape_xml(track.artist) << "</creator>\n";
            if (!track.album.empty()) out << "      <album>" << escape_xml(track.album) << "</album>\n";
            out << "      <duration>" << std::llround(track.duration_seconds * 1000.0) << "</duration>\n"
                << "      <annotation>" << escape_xml(entry.reasons.empty() ? "" : entry.reasons.front())
                << "</annotation>\n    </track>\n";
        }
        out << "  </trackList>\n</playlist>\n";
    } else {
        nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
        for (const auto& entry : entries) {
            const auto& track = catalogue.tracks()[entry.track];
            nlohmann::ordered_json item{{"path", written_path(track.path, relative_to)},
                                        {"artist", track.artist},
                                        {"title", track.title},
                                        {"album", track.album},
                                        {"duration_s", track.duration_seconds},
                                        {"reasons", entry.reasons}};
            for (const auto& [node, answer] : track.labels) {
                item["labels"][node] = answer.label;
            }
            if (track.bpm) item["bpm"] = *track.bpm;
            if (track.key) item["key"] = *track.key;
            if (track.energy) item["energy"] = *track.energy;
            tracks.push_back(std::move(item));
        }
        out << json_text(nlohmann::ordered_json{{"title", title}, {"tracks", std::move(tracks)}}, 2) << "\n";
    }
    return out.str();
}

}  // namespace timbre::host
