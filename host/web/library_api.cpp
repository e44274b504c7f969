// SPDX-License-Identifier: GPL-3.0-or-later
// Requests name tracks by the store's row id, never by path, so nothing a client sends reaches
// the file system. Engine errors (timbre::Error: an impossible filter, a bad seed) become 400s
// with the engine's sentence; an unknown id is a 404.
#include "web/library_api.hpp"

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "playlist/playlist_export.hpp"
#include "playlist/ruled_members.hpp"
#include "playlist/track_filter.hpp"
#include "results/json_text.hpp"
#include "similarity/library_map.hpp"
#include "timbre/error.hpp"
#include "timbre/music/key_wheel.hpp"
#include "web/map_regions.hpp"

namespace timbre::host {

namespace {

constexpr std::size_t kLargestPage = 500;
constexpr std::size_t kLongestPlaylist = 1000;

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// The field `name` of a request as a T, or `fallback` when it is absent or null; a value of
// another type is a 400 naming the field, what it must be, and what came.
template <typename T>
T field(const nlohmann::json& request, const char* name, T fallback) {
    if (!request.contains(name) || request.at(name).is_null()) {
        return fallback;
    }
    const auto& value = request.at(name);
    const auto all = [&](bool (nlohmann::json::*is)() const noexcept) {
        return value.is_array() && std::all_of(value.begin(), value.end(), [&](const auto& item) { return (item.*is)(); });
    };
    const char* expected = nullptr;
    if constexpr (std::is_same_v<T, std::string>) {
        expected = value.is_string() ? nullptr : "a string";
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        expected = all(&nlohmann::json::is_string) ? nullptr : "a list of strings";
    } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
        expected = all(&nlohmann::json::is_number_integer) ? nullptr : "a list of track ids (whole numbers)";
    } else if constexpr (std::is_floating_point_v<T>) {
        expected = value.is_number() ? nullptr : "a number";
    } else if constexpr (std::is_unsigned_v<T>) {
        expected = value.is_number_unsigned() ? nullptr : "a whole number >= 0";
    } else {
        expected = value.is_number_integer() ? nullptr : "a whole number";
    }
    if (expected) {
        const std::string got = json_text(value);
        throw ApiError(400, std::string("field '") + name + "' must be " + expected + ", got " +
                                (got.size() > 60 ? got.substr(0, 57) + "..." : got));
    }
    return value.get<T>();
}

// The visitor's own description: no id, the name the client knows.
nlohmann::ordered_json described_as_sent(nlohmann::ordered_json described, const CatalogueTrack& track,
                                         const std::string& sent_as) {
    described["id"] = nullptr;
    if (track.title.empty()) {  // named by its file, whose name here is not the client's
        described["name"] = std::filesystem::path(sent_as).stem().string();
    }
    described["path"] = sent_as;
    described["in_library"] = false;
    return described;
}

}  // namespace

std::size_t count_parameter(const QueryParameters& query, const std::string& name, std::size_t fallback,
                            std::size_t largest) {
    const auto it = query.find(name);
    if (it == query.end()) {
        return fallback;
    }
    try {
        std::size_t used = 0;
        const long long value = std::stoll(it->second, &used);
        if (used != it->second.size() || value < 0) {
            throw std::invalid_argument(name);
        }
        return std::min(static_cast<std::size_t>(value), largest);
    } catch (const std::exception&) {
        throw ApiError(400, "'" + name + "' must be a whole number >= 0, got '" + it->second + "'");
    }
}

LibraryApi::LibraryApi(const TrackCatalogue& catalogue, const LibrarySimilarity& sound, const LibrarySimilarity* mood,
                       const SavedPlaylists* saved, LibraryMap drawing)
    : catalogue_(catalogue), similarity_(sound), mood_(mood), saved_(saved) {
    if (drawing == LibraryMap::skipped) {
        return;
    }
    const auto points = library_map(sound);
    auto& listed = map_["points"] = nlohmann::ordered_json::array();
    for (std::size_t member = 0; member < points.size(); ++member) {
        const auto& track = catalogue.tracks()[sound.members()[member]];
        listed.push_back({{"id", track.id},
                          {"x", points[member].x},
                          {"y", points[member].y},
                          {"genre", track.label("genre")},
                          {"mood", track.label("mood")},
                          {"name", track.display_name()}});
    }
    auto& named = map_["regions"] = nlohmann::ordered_json::array();
    for (const MapRegion& region : map_regions(sound, points)) {
        named.push_back(
            {{"name", region.name}, {"x", region.place.x}, {"y", region.place.y}, {"tracks", region.tracks}});
    }
}

nlohmann::ordered_json LibraryApi::health() const {
    return {{"status", "ok"},
            {"version", TIMBRE_VERSION},
            {"tracks", catalogue_.tracks().size()},
            {"with_similarity", similarity_.members().size()},
            {"indexed", similarity_.indexed()},
            {"alike_in", mood_ ? nlohmann::ordered_json{"sound", "mood"} : nlohmann::ordered_json{"sound"}},
            {"models", catalogue_.model_terms()}};
}

const LibrarySimilarity& LibraryApi::alike_in(const std::string& by) const {
    if (by == "sound") {
        return similarity_;
    }
    if (by != "mood") {
        throw ApiError(400, "'by' must be sound or mood, got '" + by + "'");
    }
    if (!mood_) {
        throw ApiError(400,
                       "this library has no mood similarity: its tracks lack the mood metric's signatures "
                       "(configs/similarity.yaml makes triplet_mood's), or the service was started without one "
                       "(timbre serve --mood-metric)");
    }
    return *mood_;
}

std::size_t LibraryApi::track_index(std::int64_t id) const {
    const auto track = catalogue_.track_of_row(id);
    if (!track) {
        throw ApiError(404, "no track " + std::to_string(id) + " in this library");
    }
    return *track;
}

nlohmann::ordered_json LibraryApi::describe(std::size_t index) const {
    const CatalogueTrack& track = catalogue_.tracks()[index];
    nlohmann::ordered_json labels = nlohmann::ordered_json::object(), probabilities = nlohmann::ordered_json::object();
    for (const auto& [node, answer] : track.labels) {
        labels[node] = answer.label;
        probabilities[node] = answer.probability;
    }
    const auto camelot = track.key ? music::camelot_key(*track.key) : std::nullopt;
    const auto optional = [](const auto& value) { return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(); };
    return {{"id", track.id},
            {"name", track.display_name()},
            {"artist", track.artist},
            {"title", track.title},
            {"album", track.album},
            {"year", optional(track.year)},
            {"tag_genre", track.tag_genre},
            {"path", track.path.string()},
            {"seconds", track.duration_seconds},
            {"genre", track.labels.contains("genre") ? nlohmann::ordered_json(track.labels.at("genre").label)
                                                     : nlohmann::ordered_json()},
            {"mood", track.labels.contains("mood") ? nlohmann::ordered_json(track.labels.at("mood").label)
                                                   : nlohmann::ordered_json()},
            {"bpm", optional(track.bpm)},
            {"key", optional(track.key)},
            {"camelot", camelot ? nlohmann::ordered_json(camelot->code()) : nlohmann::ordered_json()},
            {"energy", optional(track.energy)},
            {"loudness_lufs", optional(track.loudness_lufs)},
            {"labels", labels},
            {"label_probabilities", probabilities},
            {"similarity", similarity_.position(index).has_value()}};
}

nlohmann::ordered_json LibraryApi::tracks(const QueryParameters& query) const {
    const std::vector<TrackFilter> filters = rules_in(query);
    const std::string needle = query.contains("q") ? lowercase(query.find("q")->second) : "";
    const std::size_t offset = count_parameter(query, "offset", 0, catalogue_.tracks().size());
    const std::size_t limit = count_parameter(query, "limit", 50, kLargestPage);
    nlohmann::ordered_json page = nlohmann::ordered_json::array();
    std::size_t matching = 0;
    for (std::size_t i = 0; i < catalogue_.tracks().size(); ++i) {
        const CatalogueTrack& track = catalogue_.tracks()[i];
        const bool found = needle.empty() || lowercase(track.artist + "\n" + track.title + "\n" + track.album + "\n" +
                                                       track.path.string()).find(needle) != std::string::npos;
        if (!found || !std::all_of(filters.begin(), filters.end(), [&](const TrackFilter& f) { return f.accepts(track); })) {
            continue;
        }
        if (matching >= offset && page.size() < limit) {
            page.push_back(describe(i));
        }
        ++matching;
    }
    return {{"total", matching}, {"offset", offset}, {"limit", limit}, {"tracks", page}};
}

nlohmann::ordered_json LibraryApi::track(std::int64_t id, const QueryParameters& query) const {
    return with_neighbours(track_index(id), query);
}

LibraryApi::FileSeed LibraryApi::file_seed(const std::filesystem::path& file, const std::string& sent_as) const {
    try {
        return {catalogue_.find(file.string()), sent_as};
    } catch (const Error& error) {  // its analysis failed: the reason, under the name the client knows
        std::string reason = error.what();
        for (auto at = reason.find(file.string()); at != std::string::npos; at = reason.find(file.string(), at)) {
            reason.replace(at, file.string().size(), sent_as);
            at += sent_as.size();
        }
        throw ApiError(422, reason);
    }
}

nlohmann::ordered_json LibraryApi::visitor(const std::filesystem::path& file, const std::string& sent_as,
                                           const QueryParameters& query) const {
    const FileSeed seed = file_seed(file, sent_as);
    return described_as_sent(with_neighbours(seed.track, query), catalogue_.tracks()[seed.track], sent_as);
}

nlohmann::ordered_json LibraryApi::visitor_playlist(const std::filesystem::path& file, const std::string& sent_as,
                                                    const nlohmann::json& request) const {
    check_visitor_playlist(request);
    const FileSeed seed = file_seed(file, sent_as);
    nlohmann::ordered_json answer = playlist(request, seed);
    answer["file"] = described_as_sent(describe(seed.track), catalogue_.tracks()[seed.track], sent_as);
    return answer;
}

void LibraryApi::check_visitor_playlist(const nlohmann::json& request) {
    if (request.is_object() && request.contains("tracks")) {
        throw ApiError(400, "a playlist from a file takes seeds and a strategy, not a list of tracks");
    }
}

std::vector<TrackFilter> LibraryApi::rules_in(const QueryParameters& query) {
    std::vector<std::string> expressions;
    const auto [first, last] = query.equal_range("where");
    for (auto it = first; it != last; ++it) {
        expressions.push_back(it->second);
    }
    try {
        return TrackFilter::parse_all(expressions);
    } catch (const Error& error) {
        throw ApiError(400, error.what());
    }
}

nlohmann::ordered_json LibraryApi::with_neighbours(std::size_t index, const QueryParameters& query) const {
    nlohmann::ordered_json result = describe(index);
    nlohmann::ordered_json similar = nlohmann::ordered_json::array();
    const auto by = query.find("by");
    const LibrarySimilarity& similarity = alike_in(by == query.end() ? "sound" : by->second);
    const std::vector<TrackFilter> rules = rules_in(query);
    if (similarity.position(index)) {
        const auto among = [&] {
            try {
                return RuledMembers(catalogue_, similarity, rules);
            } catch (const Error& error) {
                throw ApiError(400, error.what());
            }
        }();
        for (const auto& neighbour :
             similar_tracks(catalogue_, similarity, index, count_parameter(query, "similar", 10, 100), among)) {
            auto entry = describe(neighbour.track);
            entry["distance"] = neighbour.distance;
            entry["reasons"] = neighbour.reasons;
            similar.push_back(std::move(entry));
        }
    }
    result["similar"] = similar;
    result["warnings"] = catalogue_.tracks()[index].warnings;
    return result;
}

std::vector<PlaylistEntry> LibraryApi::entries(const nlohmann::json& body, std::string& title,
                                               const std::optional<FileSeed>& file) const {
    if (!body.is_object()) {
        throw ApiError(400, "a playlist request is a JSON object, e.g. {\"seeds\": [12], \"strategy\": \"smooth\"}");
    }
    if (body.contains("tracks")) {  // a list the listener arranged: exactly these, in this order
        std::vector<PlaylistEntry> listed;
        for (const auto id : field<std::vector<std::int64_t>>(body, "tracks", {})) {
            listed.push_back({track_index(id), {"chosen by the listener"}});
        }
        if (listed.size() > kLongestPlaylist) {
            throw ApiError(400, "a playlist holds at most " + std::to_string(kLongestPlaylist) + " tracks");
        }
        title = field<std::string>(body, "title", "timbre playlist");
        return listed;
    }
    PlaylistRequest request;
    try {
        request.strategy = strategy_named(field<std::string>(body, "strategy", "nearest"));
        if (file) {
            request.seeds.push_back(file->track);
        }
        for (const auto id : field<std::vector<std::int64_t>>(body, "seeds", {})) {
            request.seeds.push_back(track_index(id));
        }
        if (body.contains("to") && !body.at("to").is_null()) {
            request.destination = track_index(field<std::int64_t>(body, "to", 0));
        }
        request.length = std::min(field<std::size_t>(body, "length", 20), kLongestPlaylist);
        const double minutes = field<double>(body, "minutes", 0.0);
        if (minutes > 0.0) {  // the file's own duration added, since its place is left out below
            request.minutes = minutes + (file ? catalogue_.tracks()[file->track].duration_seconds / 60.0 : 0.0);
            request.length = body.contains("length") ? request.length : kLongestPlaylist;
        }
        request.filters = TrackFilter::parse_all(field<std::vector<std::string>>(body, "where", {}));
        request.artist_gap = field<std::size_t>(body, "artist_gap", 3);
        request.arc = field<std::string>(body, "arc", "rise-fall");
        request.diversity = field<double>(body, "diversity", 0.5);
        request.random_seed = field<unsigned>(body, "random_seed", 1);
        const std::string by = field<std::string>(body, "by", "sound");
        const std::size_t asked = request.length;
        request.length += file ? 1 : 0;  // the file's own place, left out below
        auto made = make_playlist(catalogue_, alike_in(by), request);
        title = field<std::string>(body, "title", "");
        if (title.empty() && !made.empty()) {
            title = field<std::string>(body, "strategy", "nearest") + " playlist" +
                    (by == "mood" ? " alike in mood" : "") + " from " +
                    (file ? std::filesystem::path(file->name).stem().string()
                          : catalogue_.tracks()[made.front().track].display_name());
        }
        std::erase_if(made, [&](const PlaylistEntry& entry) { return catalogue_.tracks()[entry.track].visiting(); });
        made.resize(std::min(made.size(), asked));
        return made;
    } catch (const Error& error) {
        throw ApiError(400, error.what());
    }
}

nlohmann::ordered_json LibraryApi::playlist(const nlohmann::json& request) const {
    return playlist(request, std::nullopt);
}

nlohmann::ordered_json LibraryApi::playlist(const nlohmann::json& request, const std::optional<FileSeed>& file) const {
    std::string title;
    const auto made = entries(request, title, file);
    nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
    double seconds = 0.0;
    for (const auto& entry : made) {
        auto described = describe(entry.track);
        described["reasons"] = entry.reasons;
        seconds += catalogue_.tracks()[entry.track].duration_seconds;
        tracks.push_back(std::move(described));
    }
    return {{"title", title}, {"seconds", seconds}, {"tracks", tracks}};
}

std::pair<std::string, std::string> LibraryApi::playlist_file(const nlohmann::json& request, const std::string& format) const {
    if (format != "m3u8" && format != "xspf") {
        throw ApiError(400, "format must be m3u8 or xspf, got '" + format + "'");
    }
    std::string title;
    const auto made = entries(request, title);
    const PlaylistFormat chosen = format == "m3u8" ? PlaylistFormat::m3u8 : PlaylistFormat::xspf;
    return {render_playlist(made, catalogue_, chosen, title, std::nullopt),
            format == "m3u8" ? "audio/x-mpegurl" : "application/xspf+xml"};
}

std::filesystem::path LibraryApi::audio_file(std::int64_t id) const { return catalogue_.tracks()[track_index(id)].path; }

const SavedPlaylists& LibraryApi::saved() const {
    if (!saved_) {
        throw ApiError(503, "this store is read-only: playlists cannot be saved in it");
    }
    return *saved_;
}

nlohmann::ordered_json LibraryApi::summary(const SavedPlaylist& playlist) const {
    double seconds = 0.0;
    std::size_t missing = 0;
    for (const auto id : playlist.tracks) {
        const auto track = catalogue_.track_of_row(id);
        missing += !track;
        seconds += track ? catalogue_.tracks()[*track].duration_seconds : 0.0;
    }
    return {{"id", playlist.id}, {"name", playlist.name}, {"tracks", playlist.tracks.size()}, {"missing", missing},
            {"seconds", seconds}, {"updated_at", playlist.updated_at}};
}

nlohmann::ordered_json LibraryApi::saved_playlists() const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& playlist : saved().list()) {
        list.push_back(summary(playlist));
    }
    return {{"playlists", list}};
}

nlohmann::ordered_json LibraryApi::saved_playlist(std::int64_t id) const {
    const auto playlist = saved().find(id);
    if (!playlist) {
        throw ApiError(404, "no saved playlist " + std::to_string(id));
    }
    nlohmann::ordered_json result = summary(*playlist);
    nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
    for (const auto track : playlist->tracks) {
        if (const auto index = catalogue_.track_of_row(track)) {
            tracks.push_back(describe(*index));
        }
    }
    result["tracks"] = tracks;
    return result;
}

namespace {

std::optional<std::string> playlist_name(const nlohmann::json& body) {
    if (!body.contains("name")) {
        return std::nullopt;
    }
    const auto name = field<std::string>(body, "name", "");
    if (name.empty() || name.size() > 200) {
        throw ApiError(400, "a playlist's name must have 1 to 200 characters");
    }
    return name;
}

}  // namespace

nlohmann::ordered_json LibraryApi::save_playlist(const nlohmann::json& body) const {
    if (!body.is_object() || !body.contains("name") || !body.contains("tracks")) {
        throw ApiError(400, "saving a playlist takes {\"name\": \"...\", \"tracks\": [track ids]}");
    }
    std::string title;
    std::vector<std::int64_t> ids;
    for (const auto& entry : entries(nlohmann::json{{"tracks", body.at("tracks")}}, title)) {
        ids.push_back(catalogue_.tracks()[entry.track].id);
    }
    return summary(saved().create(*playlist_name(body), ids));
}

nlohmann::ordered_json LibraryApi::change_playlist(std::int64_t id, const nlohmann::json& body) const {
    if (!body.is_object()) {
        throw ApiError(400, "changing a playlist takes {\"name\": \"...\"}, {\"tracks\": [track ids]} or both");
    }
    std::optional<std::vector<std::int64_t>> ids;
    if (body.contains("tracks")) {
        std::string title;
        ids.emplace();
        for (const auto& entry : entries(nlohmann::json{{"tracks", body.at("tracks")}}, title)) {
            ids->push_back(catalogue_.tracks()[entry.track].id);
        }
    }
    const auto changed = saved().update(id, playlist_name(body), ids);
    if (!changed) {
        throw ApiError(404, "no saved playlist " + std::to_string(id));
    }
    return summary(*changed);
}

void LibraryApi::delete_playlist(std::int64_t id) const {
    if (!saved().remove(id)) {
        throw ApiError(404, "no saved playlist " + std::to_string(id));
    }
}

}  // namespace timbre::host
