// SPDX-License-Identifier: GPL-3.0-or-later
// A path analysed several times (re-runs, other pipelines) appears once: its latest
// successful analysis gives its tags, and each stored output is read from the latest
// successful row that has it, so a store that ran features.yaml and later similarity.yaml
// has both. A path whose latest analysis failed is not in the library.
#include "similarity/track_catalogue.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <unordered_map>

#include "graph/closest_name.hpp"
#include "graph/loose_key.hpp"
#include "results/store_connection.hpp"
#include "results/store_version.hpp"
#include "results/vector_columns.hpp"
#include "similarity/label_cache.hpp"
#include "similarity/signature_cache.hpp"
#include "similarity/stored_output.hpp"
#include "similarity/stored_vector.hpp"
#include "timbre/error.hpp"
#include "timbre/similarity.hpp"

namespace timbre::host {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// A stored labels output's top class and its probability.
ClassAnswer stored_answer(const StoredOutput& labels) {
    const auto top = std::find_if(labels.entries.begin(), labels.entries.end(),
                                  [&](const auto& entry) { return entry.first == labels.top; });
    return ClassAnswer{labels.top, top == labels.entries.end() ? 0.0 : top->second};
}

// The top class of the mean of every labels output whose node id starts with `prefix`
// ("genre" averages genre_trees, genre_cnn and genre_lyrics where each was stored), with
// that mean probability.
std::optional<ClassAnswer> combined_answer(const std::map<std::string, StoredOutput>& outputs,
                                           const std::string& prefix) {
    std::map<std::string, double> sums;
    std::size_t models = 0;
    for (const auto& [output, stored] : outputs) {
        if (stored.type == "labels" && output.starts_with(prefix)) {
            ++models;
            for (const auto& [label, probability] : stored.entries) {
                sums[label] += probability;
            }
        }
    }
    if (sums.empty()) {
        return std::nullopt;
    }
    const auto top =
        std::max_element(sums.begin(), sums.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return ClassAnswer{top->first, top->second / static_cast<double>(models)};
}

// The labels, tempo, key, energy and loudness of each of the tracks `missing` from the outputs
// stored for it.
void take_labels(const std::vector<std::map<std::string, StoredOutput>>& outputs,
                 const std::vector<std::size_t>& missing, std::vector<CatalogueTrack>& tracks) {
    for (std::size_t i : missing) {
        CatalogueTrack& track = tracks[i];
        for (const auto& [output, stored] : outputs[i]) {
            const std::string node = output.substr(0, output.find('.'));
            if (stored.type == "labels") {
                track.labels[node] = stored_answer(stored);
            } else if (output == "rhythm.tempo" && stored.type == "vector") {
                const double bpm = stored.entry("bpm");
                track.bpm = bpm > 0.0 ? std::optional(bpm) : std::nullopt;
            } else if (output == "key.key" && stored.type == "text" && !stored.text.empty()) {
                track.key = stored.text;
            } else if (output == "descriptors.descriptors" && stored.type == "vector") {
                const double energy = stored.entry("energy");
                track.energy = std::isfinite(energy) ? std::optional(energy) : std::nullopt;
            } else if (output == "loudness.integrated" && stored.type == "scalar") {
                track.loudness_lufs = std::isfinite(stored.value) ? std::optional(stored.value) : std::nullopt;
            }
        }
        // The pipeline's own answers (nodes `genre` and `mood`, timbre.consensus in the shipped
        // configs) where it stored them; a store analysed without them (before they existed, or
        // by a pipeline of single models) gets the mean of its genre* (mood*) models.
        for (const char* answer : {"genre", "mood"}) {
            if (!track.labels.count(answer)) {
                if (const auto combined = combined_answer(outputs[i], answer)) {
                    track.labels[answer] = *combined;
                }
            }
        }
    }
}

// The outputs labels are taken from of each track in `missing`, from every successful row of
// its path (`of_path`: row -> track), later rows overriding earlier ones; the other tracks'
// are left empty (none at all when no track is missing, the common case). One pass over the
// store's outputs when many tracks are missing; when few are (a library opened after an
// analysis added some), their rows alone, found by key.
std::vector<std::map<std::string, StoredOutput>> read_label_outputs(
    SQLite::Database& database, const StoredLayouts& layouts, const std::vector<CatalogueTrack>& tracks,
    const std::unordered_map<std::int64_t, std::size_t>& of_path, const std::vector<std::size_t>& missing) {
    if (missing.empty()) {
        return {};
    }
    std::vector<std::map<std::string, StoredOutput>> outputs(tracks.size());
    std::vector<bool> wanted(tracks.size());
    for (std::size_t track : missing) {
        wanted[track] = true;
    }
    const std::string query = "SELECT f.track_id, f.output, f.json, " + layouts.columns("f") +
                              " FROM features f JOIN tracks t ON t.id = f.track_id WHERE t.status = 'ok' AND "
                              "(f.type = 'labels' OR f.output IN ('rhythm.tempo', 'key.key', "
                              "'descriptors.descriptors', 'loudness.integrated'))";
    const auto take = [&](const SQLite::Statement& row, std::size_t track) {
        const std::string output = row.getColumn(1).getString();
        const auto text = row.getColumn(2);
        try {
            const auto kept = layouts.vector(row.getColumn(3), row.getColumn(4));
            outputs[track][output] =
                kept ? stored_output_of(*kept)
                     : read_stored_output(std::string_view(static_cast<const char*>(text.getBlob()), text.getBytes()));
        } catch (const Error& error) {
            throw Error(tracks[track].path.string() + ", output " + output + ": " + error.what());
        }
    };
    if (missing.size() * 16 >= tracks.size()) {
        SQLite::Statement features(database, query + " ORDER BY t.id");
        while (features.executeStep()) {
            const auto at = of_path.find(features.getColumn(0).getInt64());
            if (at != of_path.end() && wanted[at->second]) {
                take(features, at->second);
            }
        }
        return outputs;
    }
    std::vector<std::pair<std::int64_t, std::size_t>> rows;  // the missing tracks' rows, in order
    for (const auto& [row, track] : of_path) {
        if (wanted[track]) {
            rows.emplace_back(row, track);
        }
    }
    std::sort(rows.begin(), rows.end());
    SQLite::Statement features(database, query + " AND f.track_id = ?");
    for (const auto& [row, track] : rows) {
        features.bind(1, row);
        while (features.executeStep()) {
            take(features, track);
        }
        features.reset();
    }
    return outputs;
}

// Each path's signature of each metric from the latest successful row that has one: from the
// cache beside the store where it holds that row as it is (read when first asked for), else
// from the row's JSON. The cache is rewritten when it did not hold exactly these rows.
std::map<std::string, SignatureColumn> read_signatures(SQLite::Database& database, const StoredLayouts& layouts,
                                                       const std::filesystem::path& store,
                                                       const std::vector<CatalogueTrack>& tracks,
                                                       const std::map<std::string, std::size_t>& index) {
    const std::string suffix = std::string(".") + kSignaturePort;
    std::map<std::string, std::vector<std::optional<SignatureOrigin>>> latest;  // node -> per track
    SQLite::Statement rows(database,
                           "SELECT t.id, t.path, t.content_hash, t.pipeline, t.analysed_at, f.output FROM features f "
                           "JOIN tracks t ON t.id = f.track_id WHERE t.status = 'ok' AND f.output LIKE '%" +
                               suffix + "' ORDER BY t.id");
    while (rows.executeStep()) {
        const std::string path = rows.getColumn(1).getString();
        const auto at = index.find(path);
        if (at == index.end()) {
            continue;
        }
        std::string output = rows.getColumn(5).getString();
        auto& of_node = latest[output.substr(0, output.size() - suffix.size())];
        of_node.resize(tracks.size());
        of_node[at->second] =
            SignatureOrigin{rows.getColumn(0).getInt64(), std::move(output),
                            signature_stamp(path, rows.getColumn(2).getString(), rows.getColumn(3).getString(),
                                            rows.getColumn(4).getString())};
    }
    const SignatureCache cache(store);
    const std::shared_ptr<const KeptSignatures> kept = cache.open();
    std::map<std::pair<std::int64_t, std::string>, std::size_t> by_row;  // -> entry in `kept`
    for (std::size_t entry = 0; kept && entry < kept->size(); ++entry) {
        by_row.emplace(std::pair(kept->origin(entry).track_id, kept->origin(entry).output), entry);
    }
    SQLite::Statement stored(database, "SELECT json, " + layouts.columns("") +
                                           " FROM features WHERE track_id = ? AND output = ?");
    std::map<std::string, SignatureColumn> signatures;
    std::size_t held = 0, from_cache = 0;
    for (auto& [node, origins] : latest) {
        auto& of_node = signatures.try_emplace(node, tracks.size(), kept).first->second;
        std::shared_ptr<const std::vector<std::string>> layout;
        for (std::size_t t = 0; t < tracks.size(); ++t) {
            if (!origins[t]) {
                continue;
            }
            const SignatureOrigin& origin = *origins[t];
            const auto entry = by_row.find(std::pair(origin.track_id, origin.output));
            if (entry != by_row.end() && kept->origin(entry->second).stamp == origin.stamp) {
                of_node.keep(t, entry->second);
                ++from_cache;
            } else {
                stored.bind(1, origin.track_id);
                stored.bind(2, origin.output);
                if (!stored.executeStep()) {
                    throw Error(tracks[t].path.string() + ", output " + origin.output + ": no longer in the store");
                }
                try {
                    of_node.read(t, read_stored_vector(layouts, stored.getColumn(0), stored.getColumn(1),
                                                       stored.getColumn(2), layout));
                } catch (const Error& error) {
                    throw Error(tracks[t].path.string() + ", output " + origin.output + ": " + error.what());
                }
                stored.reset();
            }
            ++held;
        }
    }
    if (from_cache != held || from_cache != (kept ? kept->size() : 0)) {
        std::vector<std::pair<SignatureOrigin, const Vector*>> written;
        for (const auto& [node, origins] : latest) {
            for (std::size_t t = 0; t < tracks.size(); ++t) {
                if (origins[t]) {
                    written.emplace_back(*origins[t], signatures.at(node).at(t));
                }
            }
        }
        try {
            cache.save(written);
        } catch (const Error& error) {
            spdlog::warn("{} (the next command will read them from the store again)", error.what());
        }
    }
    return signatures;
}

}  // namespace

SignatureColumn::SignatureColumn(std::size_t tracks, std::shared_ptr<const KeptSignatures> kept)
    : size_(tracks), slots_(std::make_unique<Slot[]>(tracks)), kept_(std::move(kept)) {}

SignatureColumn::SignatureColumn(const SignatureColumn& from, const std::vector<std::size_t>& place,
                                 std::size_t tracks)
    : SignatureColumn(tracks, from.kept_) {
    for (std::size_t t = 0; t < from.size_; ++t) {
        Slot& slot = slots_[place.at(t)];
        slot.kept = from.slots_[t].kept;
        if (!slot.kept) {
            slot.read = from.slots_[t].read;
        }
    }
}

const Vector* SignatureColumn::at(std::size_t track) const {
    Slot& slot = slots_[track];
    if (slot.kept) {
        std::call_once(slot.made, [&] { slot.read = kept_->signature(*slot.kept); });
    }
    return slot.read ? &*slot.read : nullptr;
}

std::string CatalogueTrack::display_name() const {
    if (!artist.empty() && !title.empty()) {
        return artist + " - " + title;
    }
    return title.empty() ? path.stem().string() : title;
}

std::string CatalogueTrack::label(const std::string& node) const {
    const auto it = labels.find(node);
    return it == labels.end() ? std::string() : it->second.label;
}

TrackCatalogue TrackCatalogue::open(const std::filesystem::path& store, Signatures signatures) {
    if (!std::filesystem::is_regular_file(store)) {
        throw Error("results store " + store.string() + " does not exist; make one with `timbre analyze CONFIG MUSIC --db " +
                    store.string() + "`");
    }
    TrackCatalogue catalogue;
    catalogue.file_ = store;
    std::vector<std::map<std::string, StoredOutput>> outputs;  // per track: output -> what it stored
    const LabelCache label_cache(store);
    StoreVersion version;
    KeptLabels kept_labels;
    try {
        auto database = open_store_connection(store, SQLite::OPEN_READONLY);
        if (!database.tableExists("tracks") || !database.tableExists("features")) {
            throw Error("not a timbre results store (no tracks and features tables)");
        }
        version = read_store_version(database);
        // The latest row per path decides whether the path is in the library.
        // Stores of schema 1 have neither the year nor the warnings column, of schema 2 no warnings.
        const auto has_column = [&](const char* name) {
            return database.execAndGet(std::string("SELECT count(*) FROM pragma_table_info('tracks') WHERE name = '") +
                                       name + "'")
                       .getInt() > 0;
        };
        const bool has_year = has_column("year");
        const bool has_warnings = has_column("warnings");
        SQLite::Statement latest(database,
                                 std::string("SELECT t.id, t.path, t.content_hash, t.status, t.error, t.artist, t.title, "
                                             "t.album, t.duration_s, t.genre, ") +
                                     (has_year ? "t.year" : "NULL") + (has_warnings ? ", t.warnings" : ", NULL") +
                                     " FROM tracks t JOIN (SELECT path, MAX(id) AS id FROM tracks GROUP BY path) "
                                     "l ON t.id = l.id ORDER BY t.path");
        std::map<std::string, std::size_t> index;
        while (latest.executeStep()) {
            const std::string path = latest.getColumn(1).getString();
            if (latest.getColumn(3).getString() != "ok") {
                catalogue.failures_[path] = latest.getColumn(4).getString();
                continue;
            }
            CatalogueTrack track;
            track.id = latest.getColumn(0).getInt64();
            track.path = path;
            track.content_hash = latest.getColumn(2).getString();
            track.artist = latest.getColumn(5).getString();
            track.title = latest.getColumn(6).getString();
            track.album = latest.getColumn(7).getString();
            track.duration_seconds = latest.getColumn(8).getDouble();
            track.tag_genre = latest.getColumn(9).getString();
            if (!latest.getColumn(10).isNull()) {
                track.year = latest.getColumn(10).getInt();
            }
            if (!latest.getColumn(11).isNull()) {
                track.warnings = nlohmann::json::parse(latest.getColumn(11).getString()).get<std::vector<std::string>>();
            }
            index[path] = catalogue.tracks_.size();
            catalogue.tracks_.push_back(std::move(track));
        }
        // A recording is named by the first track with its content.
        std::unordered_map<std::string, std::size_t> by_content;  // content hash -> its first track
        for (std::size_t t = 0; t < catalogue.tracks_.size(); ++t) {
            catalogue.tracks_[t].recording = by_content.try_emplace(catalogue.tracks_[t].content_hash, t).first->second;
        }
        std::unordered_map<std::int64_t, std::size_t> of_path;  // every row of a library track's path -> the track
        SQLite::Statement rows(database, "SELECT id, path, content_hash FROM tracks");
        while (rows.executeStep()) {
            const std::string hash = rows.getColumn(2).getString();
            if (const auto at = index.find(rows.getColumn(1).getString()); at != index.end()) {
                catalogue.rows_.emplace(rows.getColumn(0).getInt64(), at->second);
                of_path.emplace(rows.getColumn(0).getInt64(), at->second);
            } else if (const auto same = by_content.find(hash); !hash.empty() && same != by_content.end()) {
                catalogue.rows_.emplace(rows.getColumn(0).getInt64(), same->second);
            }
        }
        // The outputs the library reads (labels, tempo, key, energy, loudness, and the
        // signatures through read_signatures) of every successful row, later rows overriding
        // earlier ones; the rest (frames, summary statistics: most of a store's bytes) stays on
        // disk. The small outputs are kept only until the tracks' labels and descriptors are
        // taken from them below, and only read for the tracks whose labels are not kept beside
        // the store.
        const StoredLayouts layouts(database);
        kept_labels = label_cache.read(version, catalogue.tracks_);
        outputs = read_label_outputs(database, layouts, catalogue.tracks_, of_path, kept_labels.missing);
        if (signatures == Signatures::read) {
            catalogue.signatures_ = read_signatures(database, layouts, store, catalogue.tracks_, index);
        }
        SQLite::Statement runs(database,
                               "SELECT config_text, config_path, pipeline_text, models FROM runs ORDER BY id");
        while (runs.executeStep()) {
            catalogue.runs_.push_back({runs.getColumn(0).getString(), runs.getColumn(1).getString(),
                                       runs.getColumn(2).getString(), runs.getColumn(3).getString()});
        }
    } catch (const SQLite::Exception& error) {
        throw Error("results store " + store.string() + ": " + error.what());
    } catch (const Error& error) {
        throw Error("results store " + store.string() + ": " + error.what());
    }
    take_labels(outputs, kept_labels.missing, catalogue.tracks_);
    if (!kept_labels.current) {
        try {
            label_cache.save(version, catalogue.tracks_);
        } catch (const Error& error) {
            spdlog::warn("{} (the next command will read them from the store again)", error.what());
        }
    }
    return catalogue;
}

// The tracks stay in path order (the store's: bytes compared), so a visitor sits where the
// same file added to the store would, and a metric fitted on the library in order is fitted
// as it would be then.
TrackCatalogue TrackCatalogue::admitting(const TrackCatalogue& visitors) const {
    TrackCatalogue admitted;
    admitted.file_ = file_;
    admitted.runs_ = runs_;
    auto& merged = admitted.tracks_;
    merged.reserve(tracks_.size() + visitors.tracks_.size());
    std::vector<std::size_t> own_place(tracks_.size()), their_place(visitors.tracks_.size());
    for (std::size_t own = 0, theirs = 0; own < tracks_.size() || theirs < visitors.tracks_.size();) {
        const bool take_theirs =
            own == tracks_.size() ||
            (theirs < visitors.tracks_.size() && visitors.tracks_[theirs].path.string() < tracks_[own].path.string());
        if (take_theirs) {
            their_place[theirs] = merged.size();
            merged.push_back(visitors.tracks_[theirs++]);
            merged.back().id = -merged.back().id;
        } else {
            own_place[own] = merged.size();
            merged.push_back(tracks_[own++]);
        }
    }
    std::unordered_map<std::string, std::size_t> by_content;  // content hash -> its first track
    for (std::size_t t = 0; t < merged.size(); ++t) {
        merged[t].recording = by_content.try_emplace(merged[t].content_hash, t).first->second;
    }
    for (const auto& [row, track] : rows_) {
        admitted.rows_.emplace(row, own_place[track]);
    }
    admitted.visitors_ = visitors_ + visitors.tracks_.size();
    admitted.failures_ = failures_;
    admitted.failures_.insert(visitors.failures_.begin(), visitors.failures_.end());
    const auto own_nodes = signature_nodes();
    const auto their_nodes = visitors.signature_nodes();
    std::set<std::string> nodes(own_nodes.begin(), own_nodes.end());
    nodes.insert(their_nodes.begin(), their_nodes.end());
    for (const auto& node : nodes) {
        const SignatureColumn* own = signatures(node);
        SignatureColumn placed = own ? SignatureColumn(*own, own_place, merged.size())
                                     : SignatureColumn(merged.size(), nullptr);
        if (const SignatureColumn* theirs = visitors.signatures(node)) {
            for (std::size_t v = 0; v < theirs->size(); ++v) {
                if (const Vector* signature = theirs->at(v)) {
                    placed.read(their_place[v], *signature);
                }
            }
        }
        admitted.signatures_.insert_or_assign(node, std::move(placed));
    }
    return admitted;
}

std::optional<std::size_t> TrackCatalogue::track_of_row(std::int64_t row) const {
    const auto it = rows_.find(row);
    return it == rows_.end() ? std::nullopt : std::optional(it->second);
}

std::vector<std::string> TrackCatalogue::signature_nodes() const {
    std::vector<std::string> nodes;
    for (const auto& [node, signatures] : signatures_) {
        nodes.push_back(node);
    }
    return nodes;
}

const SignatureColumn* TrackCatalogue::signatures(const std::string& node) const {
    const auto it = signatures_.find(node);
    return it == signatures_.end() ? nullptr : &it->second;
}

const Vector* TrackCatalogue::signature(const std::string& node, std::size_t track) const {
    const SignatureColumn* column = signatures(node);
    return column ? column->at(track) : nullptr;
}

TrackCatalogue::RunConfig TrackCatalogue::config_of(const std::string& node) const {
    // Canonical pipeline text: a settings line, then one "<node>=<plugin>@<version> ..." line per node.
    for (auto run = runs_.rbegin(); run != runs_.rend(); ++run) {
        if (run->pipeline_text.find("\n" + node + "=") != std::string::npos) {
            return *run;
        }
    }
    throw Error("results store " + file_.string() + ": no run recorded the pipeline of similarity node '" + node + "'");
}

nlohmann::ordered_json TrackCatalogue::model_terms() const {
    std::map<std::pair<std::string, std::string>, nlohmann::ordered_json> latest;
    for (const RunConfig& run : runs_) {
        if (run.models.empty()) {
            continue;
        }
        for (auto& model : nlohmann::ordered_json::parse(run.models)) {
            std::pair key{model.value("node", ""), model.value("model", "")};
            latest[std::move(key)] = std::move(model);
        }
    }
    auto list = nlohmann::ordered_json::array();
    for (auto& [key, model] : latest) {
        list.push_back(std::move(model));
    }
    return list;
}

std::size_t TrackCatalogue::find(const std::string& name) const {
    std::error_code error;
    const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(name), error);
    std::vector<std::size_t> matches;
    const std::string wanted = lower(name);
    for (std::size_t i = 0; i < tracks_.size(); ++i) {
        const auto& track = tracks_[i];
        if (track.path == name || (!error && track.path == absolute)) {
            return i;
        }
        if (lower(track.display_name()) == wanted) {
            matches.push_back(i);
        }
    }
    if (matches.empty()) {
        for (std::size_t i = 0; i < tracks_.size(); ++i) {
            if (lower(tracks_[i].path.string()).find(wanted) != std::string::npos) {
                matches.push_back(i);
            }
        }
    }
    // Then as typed loosely: "will savino caribbean", "machine wars".
    const std::string loose = loose_key(name);
    if (matches.empty() && !loose.empty()) {
        for (std::size_t i = 0; i < tracks_.size(); ++i) {
            if (loose_key(tracks_[i].display_name()) == loose) {
                matches.push_back(i);
            }
        }
        if (matches.empty()) {
            for (std::size_t i = 0; i < tracks_.size(); ++i) {
                if (loose_key(tracks_[i].path.string()).find(loose) != std::string::npos) {
                    matches.push_back(i);
                }
            }
        }
    }
    if (matches.size() == 1) {
        return matches.front();
    }
    for (const auto& [path, why] : failures_) {
        if (path == name || (!error && std::filesystem::path(path) == absolute) || lower(path).find(wanted) != std::string::npos) {
            throw Error("track '" + name + "': its analysis failed (" + why + "); it has no similarity");
        }
    }
    if (matches.size() > 1) {
        std::string listed;
        for (std::size_t k = 0; k < matches.size() && k < 5; ++k) {
            listed += "\n  " + tracks_[matches[k]].path.string();
        }
        throw Error("track '" + name + "' matches " + std::to_string(matches.size()) + " tracks; say more of the path:" +
                    listed + (matches.size() > 5 ? "\n  ..." : ""));
    }
    std::vector<std::string> names;
    for (const auto& track : tracks_) {
        names.push_back(track.display_name());
        names.push_back(track.path.filename().string());
    }
    const std::string closest = closest_name(name, names);
    throw Error("track '" + name + "' is not in " + file_.string() + " (" + std::to_string(tracks_.size()) + " tracks)" +
                (closest.empty() ? "" : "; did you mean '" + closest + "'?"));
}

}  // namespace timbre::host
