// SPDX-License-Identifier: GPL-3.0-or-later
// A header line, the store version it was written from, every text the tracks' answers use
// (node names, classes, keys: a few dozen, each written once), then per track its row and
// stamp, tempo, energy and loudness (NaN where it has none), its key and its answers as
// indices into those texts, in the machine's own layout (similarity/cache_fields) like the
// other caches beside the store. The file is read whole before any track is touched, so a
// damaged one changes nothing. A track is found by its row: a store's rows are only ever
// added (a file analysed again gets a new one), so the row that is a path's latest holds the
// same outputs, and the path the same answers, for as long as it stays the latest. The stamp,
// a hash of the path and content, keeps a row deleted by hand, whose number SQLite then gives
// to the next one, from lending that one its answers.
#include "similarity/label_cache.hpp"

#include <xxhash.h>

#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <string>
#include <unordered_map>

#include "results/partial_file.hpp"
#include "similarity/cache_fields.hpp"

namespace timbre::host {

namespace {

constexpr const char* kLabelsHeader = "timbre library labels 2\n";
constexpr std::uint64_t kLongestName = 1 << 16;  // a node, class or key name; longer means damage
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

double or_nan(const std::optional<double>& value) {
    return value ? *value : std::numeric_limits<double>::quiet_NaN();
}

std::optional<double> unless_nan(double value) {
    return std::isnan(value) ? std::nullopt : std::optional(value);
}

std::uint64_t stamp_of(const CatalogueTrack& track) {
    const std::string text = track.path.string() + '\0' + track.content_hash;
    return XXH3_64bits(text.data(), text.size());
}

// What the file holds of one track.
struct KeptAnswers {
    std::uint64_t stamp = 0;  // stamp_of() the track
    std::map<std::string, ClassAnswer> labels;
    std::optional<double> bpm, energy, loudness_lufs;
    std::optional<std::string> key;
};

// Each distinct text the tracks' answers use, numbered in the order first met.
class TextTable {
public:
    std::uint32_t number(const std::string& text) {
        const auto [at, added] = numbers_.try_emplace(text, static_cast<std::uint32_t>(texts_.size()));
        if (added) {
            texts_.push_back(&at->first);
        }
        return at->second;
    }
    const std::vector<const std::string*>& texts() const { return texts_; }

private:
    std::unordered_map<std::string, std::uint32_t> numbers_;
    std::vector<const std::string*> texts_;
};

}  // namespace

LabelCache::LabelCache(const std::filesystem::path& store)
    : file_(std::filesystem::path(store.string() + ".similarity") / "labels") {}

KeptLabels LabelCache::read(const StoreVersion& version, std::vector<CatalogueTrack>& tracks) const {
    KeptLabels none;
    none.missing.resize(tracks.size());
    std::iota(none.missing.begin(), none.missing.end(), std::size_t{0});
    const std::string bytes = cache_file_bytes(file_);
    FieldReader in(bytes.data(), bytes.size());
    if (!in.skip_text(kLabelsHeader)) {
        return none;
    }
    StoreVersion written;
    written.tracks = in.field<std::int64_t>();
    written.newest_track = in.field<std::int64_t>();
    written.newest_run = in.field<std::int64_t>();
    written.newest_run_started = in.text(kLongestName);
    written.first_run_started = in.text(kLongestName);
    if (!in || written.first_run_started != version.first_run_started) {
        return none;
    }
    // Counts a damaged file could make huge are held below what its bytes could hold.
    const auto text_count = in.field<std::uint64_t>();
    if (!in || text_count > in.left() / sizeof(std::uint64_t)) {
        return none;
    }
    std::vector<std::string> texts(text_count);
    for (auto& text : texts) {
        text = in.text(kLongestName);
    }
    const auto text = [&](std::uint32_t number) -> const std::string* {
        return number < texts.size() ? &texts[number] : nullptr;
    };
    const auto track_count = in.field<std::uint64_t>();
    constexpr std::size_t kSmallestTrack = 2 * sizeof(std::int64_t) + 3 * sizeof(double) + 2 * sizeof(std::uint32_t);
    if (!in || track_count > in.left() / kSmallestTrack) {
        return none;
    }
    std::unordered_map<std::int64_t, KeptAnswers> kept;  // track row -> its answers
    for (std::uint64_t t = 0; t < track_count; ++t) {
        const auto row = in.field<std::int64_t>();
        KeptAnswers answers;
        answers.stamp = in.field<std::uint64_t>();
        answers.bpm = unless_nan(in.field<double>());
        answers.energy = unless_nan(in.field<double>());
        answers.loudness_lufs = unless_nan(in.field<double>());
        if (const auto key = in.field<std::uint32_t>(); key != kNone) {
            const std::string* name = text(key);
            if (!name) {
                return none;
            }
            answers.key = *name;
        }
        const auto label_count = in.field<std::uint32_t>();
        if (!in || label_count > in.left() / (2 * sizeof(std::uint32_t) + sizeof(double))) {
            return none;
        }
        for (std::uint32_t l = 0; l < label_count; ++l) {
            const std::string* node = text(in.field<std::uint32_t>());
            const std::string* label = text(in.field<std::uint32_t>());
            const auto probability = in.field<double>();
            if (!node || !label) {
                return none;
            }
            answers.labels.emplace(*node, ClassAnswer{*label, probability});
        }
        kept.insert_or_assign(row, std::move(answers));
    }
    if (!in || in.left() != 0) {
        return none;
    }
    KeptLabels found;
    for (std::size_t t = 0; t < tracks.size(); ++t) {
        const auto answers = kept.find(tracks[t].id);
        if (answers == kept.end() || answers->second.stamp != stamp_of(tracks[t])) {
            found.missing.push_back(t);
            continue;
        }
        tracks[t].labels = std::move(answers->second.labels);
        tracks[t].bpm = answers->second.bpm;
        tracks[t].key = std::move(answers->second.key);
        tracks[t].energy = answers->second.energy;
        tracks[t].loudness_lufs = answers->second.loudness_lufs;
    }
    found.current = found.missing.empty() && track_count == tracks.size() && written.same_tracks(version);
    return found;
}

void LabelCache::save(const StoreVersion& version, const std::vector<CatalogueTrack>& tracks) const {
    TextTable table;
    for (const auto& track : tracks) {
        if (track.key) {
            table.number(*track.key);
        }
        for (const auto& [node, answer] : track.labels) {
            table.number(node);
            table.number(answer.label);
        }
    }
    replace_file(file_, "the library's labels", [&](std::ostream& out) {
        out << kLabelsHeader;
        write_field(out, version.tracks);
        write_field(out, version.newest_track);
        write_field(out, version.newest_run);
        write_text(out, version.newest_run_started);
        write_text(out, version.first_run_started);
        write_field<std::uint64_t>(out, table.texts().size());
        for (const std::string* text : table.texts()) {
            write_text(out, *text);
        }
        write_field<std::uint64_t>(out, tracks.size());
        for (const auto& track : tracks) {
            write_field(out, track.id);
            write_field(out, stamp_of(track));
            write_field(out, or_nan(track.bpm));
            write_field(out, or_nan(track.energy));
            write_field(out, or_nan(track.loudness_lufs));
            write_field(out, track.key ? table.number(*track.key) : kNone);
            write_field(out, static_cast<std::uint32_t>(track.labels.size()));
            for (const auto& [node, answer] : track.labels) {
                write_field(out, table.number(node));
                write_field(out, table.number(answer.label));
                write_field(out, answer.probability);
            }
        }
    });
}

}  // namespace timbre::host
