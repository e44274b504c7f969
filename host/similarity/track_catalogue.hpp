// SPDX-License-Identifier: GPL-3.0-or-later
// A results store seen as a music library: the tracks it analysed successfully (the latest
// analysis of each path), with their tags, their stored class labels and the values playlists
// read (tempo, key, energy), and each similarity metric's signatures. Read-only: opening it
// never blocks an `analyze` writing the same store.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "timbre/values.hpp"

namespace timbre::host {

// What one labels output answered for a track: its top class and the probability it gave that
// class (for the shipped configs' answers, calibrated: right about that often on clips none of
// their models learned from).
struct ClassAnswer {
    std::string label;
    double probability = 0.0;
};

struct CatalogueTrack {
    std::int64_t id = 0;               // the store's track row; negative for a visiting track
    std::filesystem::path path;
    std::string content_hash;
    std::size_t recording = 0;         // equal for tracks of equal content hash: one recording
    std::string artist, title, album;
    std::string tag_genre;                     // the file's own genre tag
    std::optional<int> year;                   // from the file's tags
    double duration_seconds = 0.0;
    std::vector<std::string> warnings;         // what analysis found odd but got through
    // Each labels output's node ("genre_cnn") -> its answer, and the answers "genre" and
    // "mood": the stored nodes of those names, or, in a store without them, the top class of
    // the mean of the genre* (mood*) nodes' probabilities.
    std::map<std::string, ClassAnswer> labels;
    std::optional<double> bpm;                 // from a stored rhythm tempo vector
    std::optional<std::string> key;            // "A minor", from a stored key text
    std::optional<double> energy;              // from stored descriptors, 0..1
    std::optional<double> loudness_lufs;

    // Analysed for one command only, not kept in the store (TrackCatalogue::admit).
    bool visiting() const { return id < 0; }
    // "Artist - Title", or the file name without tags.
    std::string display_name() const;
    // The class `node` answered; "" where the store holds no labels of that node.
    std::string label(const std::string& node) const;
};

class KeptSignatures;

// One metric's signatures of a library's tracks. Those the cache beside the store keeps are
// read from it the first time they are asked for (safe from several threads at once), so a
// query reads its candidates' signatures, not the library's; the others were read from the
// store when the library was opened.
class SignatureColumn {
public:
    SignatureColumn(std::size_t tracks, std::shared_ptr<const KeptSignatures> kept);
    // A column of `tracks` slots where slot place[t] holds what `from`'s slot t holds (kept or read).
    SignatureColumn(const SignatureColumn& from, const std::vector<std::size_t>& place, std::size_t tracks);

    std::size_t size() const { return size_; }

    bool has(std::size_t track) const { return slots_[track].kept || slots_[track].read; }
    // Track `track`'s signature; nullptr where it has none. Valid as long as the column.
    const Vector* at(std::size_t track) const;

    void read(std::size_t track, Vector signature) { slots_[track].read = std::move(signature); }
    void keep(std::size_t track, std::size_t entry) { slots_[track].kept = entry; }

private:
    struct Slot {
        std::optional<std::size_t> kept;  // its entry in the kept signatures
        std::optional<Vector> read;       // read from the store, or from `kept` once asked for
        std::once_flag made;
    };
    std::size_t size_ = 0;
    std::unique_ptr<Slot[]> slots_;  // the slots fill in as signatures are asked for
    std::shared_ptr<const KeptSignatures> kept_;
};

class TrackCatalogue {
public:
    // Whether opening reads the tracks' similarity signatures, most of what a library reads
    // (2,600 numbers per track for the shipped mix): a command that only lists tracks skips
    // them, and then has no signature_nodes().
    enum class Signatures : bool { skipped, read };

    // Throws timbre::Error naming the file if it is not a timbre results store.
    static TrackCatalogue open(const std::filesystem::path& store, Signatures signatures = Signatures::read);

    const std::vector<CatalogueTrack>& tracks() const { return tracks_; }

    // This library with the tracks of `visitors` (files analysed into a store of their own for
    // one query) among its own, where the store would list them, with their signatures and
    // failures, so that they can be named and compared as if the store held them; their ids
    // are their rows' negated, so no store row is taken for one. Track indices of this library
    // are not valid in it. Nothing is read from the library's store again (a service admits
    // each visitor to the library it holds open), nor written to it or beside it.
    TrackCatalogue admitting(const TrackCatalogue& visitors) const;
    // Whether admitting() added any track.
    bool has_visitors() const { return visitors_ > 0; }

    // Every stored output name that is a similarity signature ("timbre.signature" -> "timbre").
    std::vector<std::string> signature_nodes() const;

    // The signatures of `node` ("node.signature"), one slot per track; nullptr for a node the
    // store has no signatures of. Valid as long as the catalogue: callers keep pointers
    // rather than copies.
    const SignatureColumn* signatures(const std::string& node) const;
    // The signature track `track` has under `node`; nullptr where it lacks one.
    const Vector* signature(const std::string& node, std::size_t track) const;

    // What the latest run that stored `node`'s signatures ran: its config's text and path,
    // the pipeline's canonical text (one line per node, Graph::canonical_text()) and its
    // models' data terms (ml/model_terms.hpp's JSON; "" for a run stored before they were kept).
    struct RunConfig {
        std::string config_text, config_path, pipeline_text, models;
    };
    RunConfig config_of(const std::string& node) const;

    // The data terms of every model whose results the store holds: one entry per node and
    // model file, as the latest run that used it recorded them.
    nlohmann::ordered_json model_terms() const;

    // The library track a store row id names (the id a listener's saved playlist or open page
    // holds): the row's own track; for a row of a path analysed again since, that path's
    // track; for a path no longer in the library, the track with the same content (a file
    // moved); nullopt when none is left.
    std::optional<std::size_t> track_of_row(std::int64_t row) const;

    // The track a user means by `name`: a path (absolute, or relative to the current folder), a
    // unique part of a path, or "artist - title" (any case; failing those, the same with
    // punctuation and '_' read as spaces: "machine wars", "savino ocean"). Throws timbre::Error: for an
    // unknown or ambiguous name with the closest candidates, for a file whose analysis failed
    // with the reason.
    std::size_t find(const std::string& name) const;

private:
    std::filesystem::path file_;
    std::vector<CatalogueTrack> tracks_;
    // node -> each track's signature; a metric's signatures share one list of names, and no
    // JSON is kept once they are read.
    std::map<std::string, SignatureColumn> signatures_;
    std::unordered_map<std::int64_t, std::size_t> rows_;          // every row id that names a library track -> it
    std::map<std::string, std::string> failures_;                 // path -> why its latest analysis failed
    std::vector<RunConfig> runs_;
    std::size_t visitors_ = 0;
};

}  // namespace timbre::host
