// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre similar`, `timbre playlist` and `timbre playlists`: thin callers of the similarity
// and playlist engine over a results store. They parse options, load the store's metrics,
// print or write.
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/named_file_addition.hpp"
#include "cli/sqlite_store_option.hpp"
#include "cli/store_metrics.hpp"
#include "executor/worker_pool.hpp"
#include "playlist/library_clusters.hpp"
#include "playlist/playlist_export.hpp"
#include "playlist/playlist_strategy.hpp"
#include "playlist/ruled_members.hpp"
#include "results/json_text.hpp"

namespace timbre::host {

namespace {

struct StoreOptions {
    std::string store;
    std::string metric;  // "timbre:2,stats:1"; empty = every metric of the store
    std::vector<std::string> plugin_paths;
    SearchSettings search;
};

void add_store_options(CLI::App* command, StoreOptions& options) {
    add_sqlite_store_option(*command, options.store, "Results store made by `timbre analyze` with similarity nodes");
    command->add_option("--metric", options.metric,
                        "Metric(s) and weights, e.g. timbre or timbre:2,stats:1 (default: the config's 'similarity' "
                        "mix, else every metric stored, equally)");
    command->add_option("--plugin-path", options.plugin_paths, "Extra folder to search for plugins (repeatable)");
    command->add_option("--exact-below", options.search.exact_below,
                        "Search exactly in libraries of up to this many tracks; above, an index finds candidates "
                        "(default 2000)");
    command->add_option("--candidates", options.search.candidates,
                        "Tracks the index proposes per query for exact re-ranking: more is closer to exact search, "
                        "and slower (default 250)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
}

// The store's similarity, with the files among `named` it lacks analysed for this command
// only, or, with `add`, into the store first.
std::unique_ptr<StoreSimilarity> load_similarity(const StoreOptions& options, const std::vector<std::string>& named = {},
                                                 bool add = false) {
    if (add) {
        add_named_files(options.store, named, options.plugin_paths);
    }
    return std::make_unique<StoreSimilarity>(options.store, options.metric, options.plugin_paths, options.search,
                                             add ? std::vector<std::string>{} : named);
}

struct SimilarOptions : StoreOptions {
    std::vector<std::string> tracks;
    bool all = false;
    bool add = false;  // analyse named files the store lacks first
    std::size_t count = 10;
    std::vector<std::string> where;
    bool json = false;
};

nlohmann::ordered_json similar_json(const TrackCatalogue& catalogue, std::size_t track,
                                    const std::vector<Neighbour>& neighbours) {
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (const auto& neighbour : neighbours) {
        const auto& other = catalogue.tracks()[neighbour.track];
        results.push_back({{"path", other.path.string()},
                           {"name", other.display_name()},
                           {"distance", neighbour.distance},
                           {"reasons", neighbour.reasons}});
    }
    return {{"track", catalogue.tracks()[track].path.string()},
            {"in_library", !catalogue.tracks()[track].visiting()},
            {"similar", results}};
}

void print_similar(const TrackCatalogue& catalogue, std::size_t track, const std::vector<Neighbour>& neighbours) {
    const CatalogueTrack& query = catalogue.tracks()[track];
    std::cout << "nearest to " << query.display_name() << " (" << query.path.string()
              << (query.visiting() ? ", not in the library" : "") << "), distance 0 = most alike, 1 = least:\n";
    for (std::size_t rank = 0; rank < neighbours.size(); ++rank) {
        const auto& other = catalogue.tracks()[neighbours[rank].track];
        std::cout << std::setw(3) << rank + 1 << ". " << std::fixed << std::setprecision(3) << neighbours[rank].distance
                  << "  " << other.display_name() << "  (" << other.path.string() << ")\n";
        for (const auto& reason : neighbours[rank].reasons) {
            std::cout << "        " << reason << "\n";
        }
    }
}

// Every track named is found before any is answered, so a misspelt name costs no output.
// Several tracks (or --all) are answered on every core a batch at a time and printed in the
// order asked, as JSON Lines with --json (one track keeps its indented object).
int similar(const SimilarOptions& options) {
    if (options.all == !options.tracks.empty()) {
        throw Error("similar: name one or more tracks, or give --all for every track of the store");
    }
    const auto loaded = load_similarity(options, options.tracks, options.add);
    const auto& catalogue = loaded->catalogue;
    const LibrarySimilarity& similarity = *loaded->similarity;
    const RuledMembers among(catalogue, similarity, TrackFilter::parse_all(options.where));
    if (among.members().size() <= options.count && among.members().size() < similarity.members().size()) {
        spdlog::warn("only {} of the {} tracks pass the rules, so fewer than the {} asked for are listed",
                     among.members().size(), similarity.members().size(), options.count);
    }
    std::vector<std::size_t> queries;
    if (options.all) {
        queries = similarity.members();
        if (queries.empty()) {
            throw Error("the store has no analysed track with the chosen similarity signatures");
        }
    }
    for (const auto& name : options.tracks) {
        queries.push_back(catalogue.find(name));
    }
    const bool one = queries.size() == 1 && !options.all;
    constexpr std::size_t kBatch = 256;
    for (std::size_t first = 0; first < queries.size(); first += kBatch) {
        const std::size_t count = std::min(kBatch, queries.size() - first);
        std::vector<std::vector<Neighbour>> answers(count);
        on_every_core(count, [&](std::size_t k) {
            answers[k] = similar_tracks(catalogue, similarity, queries[first + k], options.count, among);
        });
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t track = queries[first + k];
            if (options.json) {
                std::cout << json_text(similar_json(catalogue, track, answers[k]), one ? 2 : -1) << "\n";
            } else {
                std::cout << (first + k > 0 ? "\n" : "");
                print_similar(catalogue, track, answers[k]);
            }
        }
    }
    return kSuccess;
}

struct PlaylistOptions : StoreOptions {
    std::vector<std::string> seeds;
    std::string destination;
    bool add = false;  // analyse named files the store lacks first
    std::string strategy = "nearest";
    std::size_t length = 20;
    double minutes = 0.0;
    std::vector<std::string> where;
    std::size_t artist_gap = 3;
    std::string arc = "rise-fall";
    double diversity = 0.5;
    unsigned random_seed = 1;
    std::string out;
    std::string relative_to;
    std::string title;
};

int playlist(const PlaylistOptions& options) {
    std::vector<std::string> named = options.seeds;
    named.push_back(options.destination);
    const auto loaded = load_similarity(options, named, options.add);
    const auto& catalogue = loaded->catalogue;
    PlaylistRequest request;
    request.strategy = strategy_named(options.strategy);
    for (const auto& seed : options.seeds) {
        request.seeds.push_back(catalogue.find(seed));
    }
    if (!options.destination.empty()) {
        request.destination = catalogue.find(options.destination);
    }
    request.length = options.length;
    request.minutes = options.minutes > 0.0 ? std::optional(options.minutes) : std::nullopt;
    if (request.minutes && options.length == 20) {
        request.length = 1000;  // the duration decides
    }
    request.filters = TrackFilter::parse_all(options.where);
    request.artist_gap = options.artist_gap;
    request.arc = options.arc;
    request.diversity = options.diversity;
    request.random_seed = options.random_seed;
    const auto entries = make_playlist(catalogue, *loaded->similarity, request);
    if (entries.size() < request.length && !request.minutes) {
        spdlog::warn("only {} of the {} tracks asked for satisfy the rules", entries.size(), request.length);
    }
    const std::string title =
        options.title.empty() ? options.strategy + " playlist from " + catalogue.tracks()[entries.front().track].display_name()
                              : options.title;
    const std::optional<std::filesystem::path> relative_to =
        options.relative_to.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.relative_to);
    if (options.out.empty()) {
        double seconds = 0.0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& track = catalogue.tracks()[entries[i].track];
            seconds += track.duration_seconds;
            std::cout << std::setw(3) << i + 1 << ". " << track.display_name() << "  (" << track.path.string() << ")\n";
            for (const auto& reason : entries[i].reasons) {
                std::cout << "        " << reason << "\n";
            }
        }
        std::cout << entries.size() << " tracks, " << std::lround(seconds / 60.0) << " min\n";
        return kSuccess;
    }
    const auto format = playlist_format_of(options.out);
    std::ofstream file(options.out, std::ios::binary);
    file << render_playlist(entries, catalogue, format, title, relative_to);
    if (!file) {
        throw Error("cannot write " + options.out);
    }
    std::cout << "wrote " << options.out << ": " << entries.size() << " tracks (" << title << ")\n";
    return kSuccess;
}

struct ClusterOptions : StoreOptions {
    std::size_t count = 8;
    std::string out_dir;
    std::string format = "m3u8";
    std::string relative_to;
    std::vector<std::string> where;
};

// "calm / relaxed electronic, 93-120 BPM" -> "calm-relaxed-electronic-93-120-bpm".
std::string file_stem(const std::string& name) {
    std::string stem;
    for (const unsigned char c : name) {
        if (std::isalnum(c)) {
            stem += static_cast<char>(std::tolower(c));
        } else if (!stem.empty() && stem.back() != '-') {
            stem += '-';
        }
    }
    while (!stem.empty() && stem.back() == '-') {
        stem.pop_back();
    }
    return stem;
}

int playlists(const ClusterOptions& options) {
    const auto loaded = load_similarity(options);
    const RuledMembers among(loaded->catalogue, *loaded->similarity, TrackFilter::parse_all(options.where));
    const auto clusters = cluster_library(loaded->catalogue, *loaded->similarity, options.count, among);
    std::filesystem::create_directories(options.out_dir);
    const std::optional<std::filesystem::path> relative_to =
        options.relative_to.empty() ? std::nullopt : std::optional<std::filesystem::path>(options.relative_to);
    for (std::size_t c = 0; c < clusters.size(); ++c) {
        std::vector<PlaylistEntry> entries;
        for (std::size_t track : clusters[c].tracks) {
            entries.push_back({track, {track == clusters[c].tracks.front() ? "the most central track of this playlist"
                                                                            : "sounds like this playlist's centre"}});
        }
        std::ostringstream number;
        number << std::setw(2) << std::setfill('0') << c + 1;
        const auto file = std::filesystem::path(options.out_dir) / (number.str() + "-" + file_stem(clusters[c].name) + "." +
                                                                    options.format);
        std::ofstream out(file, std::ios::binary);
        out << render_playlist(entries, loaded->catalogue, playlist_format_of(file), clusters[c].name, relative_to);
        if (!out) {
            throw Error("cannot write " + file.string());
        }
        std::cout << file.string() << ": " << clusters[c].tracks.size() << " tracks, \"" << clusters[c].name << "\"\n";
    }
    return kSuccess;
}

}  // namespace

void add_similarity_commands(CLI::App& app, std::function<int()>& run) {
    auto similar_options = std::make_shared<SimilarOptions>();
    auto* similar_command =
        app.add_subcommand("similar", "The tracks of a store most similar to one (or to each of several), and why");
    auto* named = similar_command->add_option(
        "tracks", similar_options->tracks,
        "One or more tracks: a path, a unique part of one, or \"Artist - Title\" (any case; punctuation and '_' "
        "may be typed as spaces)");
    similar_command
        ->add_flag("--all", similar_options->all,
                   "Answer for every track of the store that has the metrics' signatures (with --json, one line each)")
        ->excludes(named);
    add_store_options(similar_command, *similar_options);
    similar_command->add_flag("--add", similar_options->add,
                              "Keep the named audio files the store lacks in it: analysed into it first, with the "
                              "config that made its similarity signatures (without --add they are analysed for this "
                              "query only)");
    similar_command->add_option("-n,--count", similar_options->count, "How many")->check(CLI::Range(1, 1000));
    similar_command
        ->add_option("--where", similar_options->where,
                     "Answer only with tracks that pass this rule (repeatable), as for `timbre playlist`: genre=rock, "
                     "bpm=90..130, key=8A, year<2000")
        ->allow_extra_args(false);
    similar_command->add_flag("--json", similar_options->json,
                              "Print JSON: one object, or one per line (JSON Lines) for several tracks or --all");
    similar_command->callback([&run, similar_options] { run = [similar_options] { return similar(*similar_options); }; });

    auto options = std::make_shared<PlaylistOptions>();
    auto* command = app.add_subcommand("playlist", "Make a playlist from a store: radio, smooth mix, path, arc, diverse");
    add_store_options(command, *options);
    command->add_option("--seed", options->seeds, "Track to start from (repeatable; default: one drawn at random)");
    command->add_option("--to", options->destination, "Destination track of a path playlist");
    command->add_flag("--add", options->add,
                      "Keep the --seed and --to audio files the store lacks in it: analysed into it first, with the "
                      "config that made its similarity signatures (without --add they are analysed for this "
                      "playlist only)");
    command->add_option("--strategy", options->strategy, "nearest, smooth, path, arc or diverse")
        ->check(CLI::IsMember({"nearest", "smooth", "path", "arc", "diverse"}));
    command->add_option("--length", options->length, "At most this many tracks, seeds included")
        ->check(CLI::Range(1, 1000));
    command->add_option("--minutes", options->minutes, "Stop once the playlist lasts this long");
    command->add_option("--where", options->where,
                        "Constraint (repeatable): genre=rock, mood!=sad, key=8A, bpm=90..130 (or bpm>=90), energy>0.5, "
                        "artist=..., year<2000, tag=jazz (the file's genre tag)");
    command->add_option("--artist-gap", options->artist_gap, "No artist twice within this many tracks");
    command->add_option("--arc", options->arc, "Energy curve of --strategy arc")
        ->check(CLI::IsMember({"rise", "fall", "rise-fall", "fall-rise"}));
    command->add_option("--diversity", options->diversity,
                        "Strategy diverse: 0 = as near the seeds as possible, 1 = as varied as possible (default 0.5)")
        ->check(CLI::Range(0.0, 1.0));
    command->add_option("--random-seed", options->random_seed, "Seed for the drawn start track");
    command->add_option("--out", options->out, "Write FILE.m3u8, FILE.xspf or FILE.json instead of printing");
    command->add_option("--relative-to", options->relative_to, "Write paths relative to this folder (M3U8, JSON)");
    command->add_option("--title", options->title, "Playlist title");
    command->callback([&run, options] { run = [options] { return playlist(*options); }; });

    auto cluster_options = std::make_shared<ClusterOptions>();
    auto* clusters = app.add_subcommand("playlists", "Cut a store's library into named playlists of tracks that sound alike");
    add_store_options(clusters, *cluster_options);
    clusters->add_option("--count", cluster_options->count, "How many playlists")->check(CLI::Range(1, 1000));
    clusters->add_option("--out-dir", cluster_options->out_dir, "Folder for the playlist files")->required();
    clusters->add_option("--format", cluster_options->format, "m3u8, xspf or json")
        ->check(CLI::IsMember({"m3u8", "xspf", "json"}));
    clusters->add_option("--relative-to", cluster_options->relative_to, "Write paths relative to this folder (M3U8, JSON)");
    clusters->add_option("--where", cluster_options->where,
                         "Cut only the tracks that pass this rule (repeatable), as for `timbre playlist`: genre=jazz, "
                         "bpm=90..130");
    clusters->callback([&run, cluster_options] { run = [cluster_options] { return playlists(*cluster_options); }; });
}

}  // namespace timbre::host
