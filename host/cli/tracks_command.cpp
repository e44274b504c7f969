// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre tracks --db STORE`: the library a store holds, one line per track with what the
// models and extractors said (genre and mood with the probability given them, tempo, key,
// energy), filtered like a playlist.
// What a newcomer reads first after `analyze`, and the table the web page shows.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/sqlite_store_option.hpp"
#include "cli/terminal_columns.hpp"
#include "playlist/track_filter.hpp"
#include "results/json_text.hpp"
#include "timbre/music/key_wheel.hpp"

namespace timbre::host {

namespace {

struct TracksOptions {
    std::string store;
    std::vector<std::string> where;
    bool json = false;
};

// "jazz 60%": the answer and the probability it was given, so a guess reads as one.
std::string answer_cell(const CatalogueTrack& track, const std::string& node) {
    const auto it = track.labels.find(node);
    if (it == track.labels.end() || it->second.label.empty()) {
        return "-";
    }
    return it->second.label + " " + std::to_string(std::lround(100.0 * it->second.probability)) + "%";
}

int list_tracks(const TracksOptions& options) {
    const TrackCatalogue catalogue = TrackCatalogue::open(options.store, TrackCatalogue::Signatures::skipped);
    const std::vector<TrackFilter> filters = TrackFilter::parse_all(options.where);
    nlohmann::ordered_json listed = nlohmann::ordered_json::array();
    std::size_t shown = 0;
    if (!options.json) {
        std::cout << std::left << std::setw(40) << "track" << std::setw(16) << "genre" << std::setw(22) << "mood"
                  << std::setw(6) << "BPM" << std::setw(6) << "key"
                  << "energy\n";
    }
    for (const auto& track : catalogue.tracks()) {
        if (!std::all_of(filters.begin(), filters.end(), [&](const TrackFilter& f) { return f.accepts(track); })) {
            continue;
        }
        ++shown;
        const auto key = track.key ? music::camelot_key(*track.key) : std::nullopt;
        if (options.json) {
            nlohmann::ordered_json item{{"path", track.path.string()}, {"artist", track.artist}, {"title", track.title},
                                        {"album", track.album},       {"duration_s", track.duration_seconds}};
            for (const auto& [node, answer] : track.labels) {
                item["labels"][node] = answer.label;
                item["label_probabilities"][node] = answer.probability;
            }
            if (track.year) item["year"] = *track.year;
            if (track.bpm) item["bpm"] = *track.bpm;
            if (track.key) item["key"] = *track.key;
            if (track.energy) item["energy"] = *track.energy;
            if (!track.warnings.empty()) item["warnings"] = track.warnings;
            listed.push_back(std::move(item));
            continue;
        }
        // A long title tag (some albums tag every track with the whole track list) says less
        // than the file name.
        const std::string name = terminal_width(track.title) > 28 && !track.artist.empty()
                                     ? track.artist + " - " + track.path.stem().string()
                                     : track.display_name();
        std::ostringstream bpm, energy;
        bpm << (track.bpm ? std::to_string(std::lround(*track.bpm)) : "-");
        energy << std::fixed << std::setprecision(2);
        if (track.energy) {
            energy << *track.energy;
        } else {
            energy << "-";
        }
        std::cout << table_cell(name, 38, KeptEnd::start) << "  " << std::left << std::setw(16)
                  << answer_cell(track, "genre") << std::setw(22) << answer_cell(track, "mood") << std::setw(6)
                  << bpm.str() << std::setw(6) << (key ? key->code() : "-") << energy.str() << "\n";
    }
    if (options.json) {
        std::cout << json_text(listed, 2) << "\n";
    } else {
        std::cout << shown << " of " << catalogue.tracks().size() << " tracks\n";
    }
    return kSuccess;
}

}  // namespace

void add_tracks_command(CLI::App& app, std::function<int()>& run) {
    auto options = std::make_shared<TracksOptions>();
    auto* command = app.add_subcommand("tracks", "List a store's tracks with genre, mood, tempo, key and energy");
    add_sqlite_store_option(*command, options->store, "Results store made by `timbre analyze`");
    command->add_option("--where", options->where, "Filter (repeatable), as for `timbre playlist`");
    command->add_flag("--json", options->json, "Print JSON");
    command->callback([&run, options] { run = [options] { return list_tracks(*options); }; });
}

}  // namespace timbre::host
