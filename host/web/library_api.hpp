// SPDX-License-Identifier: GPL-3.0-or-later
// What the web service answers, as JSON, independent of HTTP: the library (paged, searched,
// filtered), one track with its similar tracks and why, playlists of every strategy and rule
// of `timbre playlist` and their exports, saved playlists, and the library map. One more caller of the
// similarity and playlist engine, with no logic of its own beyond turning requests into the
// engine's terms. Safe to call from several threads at once. Tracks are alike in sound (the
// store's similarity mix, what the map draws) or, where the store holds a mood metric's
// signatures, in mood: requests choose with `by`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "playlist/playlist_strategy.hpp"
#include "similarity/library_similarity.hpp"
#include "web/saved_playlists.hpp"

namespace timbre::host {

// A request the service refuses: the HTTP status and one sentence saying why; with
// `retry_after` seconds (> 0), when to ask again (a Retry-After header).
struct ApiError : std::runtime_error {
    ApiError(int status, const std::string& message, int retry_after = 0)
        : std::runtime_error(message), status(status), retry_after(retry_after) {}
    int status;
    int retry_after;
};

// A query string's parameters; a name may repeat (`where=genre=rock&where=bpm=90..130`).
using QueryParameters = std::multimap<std::string, std::string>;

// The whole number >= 0 parameter `name` gives, at most `largest`; `fallback` where it is
// absent. ApiError 400 naming the parameter and what came for anything else.
std::size_t count_parameter(const QueryParameters& query, const std::string& name, std::size_t fallback,
                            std::size_t largest);

// Whether a LibraryApi draws the library's map when it is made: a library opened to answer
// one request (a file compared as a visitor) is never drawn.
enum class LibraryMap : bool { skipped, drawn };

class LibraryApi {
public:
    // `mood`: the library alike in mood (nullptr: the store has no mood metric, and `by: mood`
    // is refused with 400). `saved`: where saved playlists are kept (nullptr: the store is
    // read-only, and saving is refused with 503). With LibraryMap::skipped, map() is empty.
    LibraryApi(const TrackCatalogue& catalogue, const LibrarySimilarity& sound, const LibrarySimilarity* mood,
               const SavedPlaylists* saved, LibraryMap drawing = LibraryMap::drawn);

    nlohmann::ordered_json health() const;
    // ?q= (title, artist, album or path, any case), ?where= (repeatable, --where's
    // expressions), ?offset=, ?limit= (at most 500).
    nlohmann::ordered_json tracks(const QueryParameters& query) const;
    // One track by store id, with its `similar` nearest (?similar=, default 10, at most 100;
    // ?by=sound or mood; ?where= rules they pass, repeatable, a 400 when no track does).
    nlohmann::ordered_json track(std::int64_t id, const QueryParameters& query) const;
    // The same for `file`, a visitor of the catalogue (TrackCatalogue::admit: analysed for this
    // request, not in the store), described as `sent_as` (the name the client gave): no id, its
    // path that name, `in_library` false. ApiError 422 with the reason when its analysis failed.
    nlohmann::ordered_json visitor(const std::filesystem::path& file, const std::string& sent_as,
                                   const QueryParameters& query) const;
    // A playlist of the library seeded by that file: `request` as playlist() takes it (its seeds
    // come after the file, `tracks` is refused), the file itself left out of the answer, which is
    // playlist()'s with `file`, the file described as visitor() describes it (without neighbours).
    nlohmann::ordered_json visitor_playlist(const std::filesystem::path& file, const std::string& sent_as,
                                            const nlohmann::json& request) const;
    // ApiError 400 for a request visitor_playlist refuses whatever the file (a list of tracks):
    // checked before a file is received and analysed for nothing.
    static void check_visitor_playlist(const nlohmann::json& request);
    // The query's `where` rules (repeatable, --where's expressions); ApiError 400 for one that
    // does not parse, so a visitor's request can be refused before its file is received.
    static std::vector<TrackFilter> rules_in(const QueryParameters& query);
    // {seeds: [id], to: id, strategy, by, length, minutes, where: [...], artist_gap, arc,
    // diversity, random_seed} -> {title, tracks: [track + reasons], seconds}.
    nlohmann::ordered_json playlist(const nlohmann::json& request) const;
    // The same playlist as an M3U8 or XSPF file (`format`), with its content type; or, for
    // {tracks: [id, ...]}, exactly those tracks in that order (a list the listener arranged).
    std::pair<std::string, std::string> playlist_file(const nlohmann::json& request, const std::string& format) const;
    // The map of the library: {points: every track as {id, x, y, genre, mood, name}, regions:
    // names to write on it as {name, x, y, tracks}} (map_regions.hpp).
    const nlohmann::ordered_json& map() const { return map_; }
    // The audio file of track `id`, only if it is a track of the store.
    std::filesystem::path audio_file(std::int64_t id) const;

    // Saved playlists: the list ({id, name, tracks: count, seconds, updated_at}), one with its
    // tracks described, and save {name, tracks: [id]}, change {name?, tracks?}, delete. Track
    // ids must be tracks of the library; a saved track that has since left it is counted as
    // `missing`.
    nlohmann::ordered_json saved_playlists() const;
    nlohmann::ordered_json saved_playlist(std::int64_t id) const;
    nlohmann::ordered_json save_playlist(const nlohmann::json& body) const;
    nlohmann::ordered_json change_playlist(std::int64_t id, const nlohmann::json& body) const;
    void delete_playlist(std::int64_t id) const;

private:
    std::size_t track_index(std::int64_t id) const;
    // The similarity `by` names ("sound" or "mood"); anything else, or a mood the store lacks, is a 400.
    const LibrarySimilarity& alike_in(const std::string& by) const;
    nlohmann::ordered_json describe(std::size_t track) const;
    // describe(track) with its `similar` nearest and its warnings, as track() answers.
    nlohmann::ordered_json with_neighbours(std::size_t track, const QueryParameters& query) const;
    // A file compared with the library (a visitor): its track, and the name the client gave it.
    struct FileSeed {
        std::size_t track;
        std::string name;
    };
    // The visitor `file` as a FileSeed; ApiError 422 with the reason when its analysis failed.
    FileSeed file_seed(const std::filesystem::path& file, const std::string& sent_as) const;
    nlohmann::ordered_json playlist(const nlohmann::json& request, const std::optional<FileSeed>& file) const;
    // With `file`: the playlist starts from it, and it is left out of what is returned.
    std::vector<PlaylistEntry> entries(const nlohmann::json& request, std::string& title,
                                       const std::optional<FileSeed>& file = std::nullopt) const;
    const SavedPlaylists& saved() const;
    nlohmann::ordered_json summary(const SavedPlaylist& playlist) const;

    const TrackCatalogue& catalogue_;
    const LibrarySimilarity& similarity_;  // alike in sound
    const LibrarySimilarity* mood_;
    const SavedPlaylists* saved_;
    nlohmann::ordered_json map_;
};

}  // namespace timbre::host
