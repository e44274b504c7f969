// SPDX-License-Identifier: GPL-3.0-or-later
// How well key profiles learned from annotated recordings (timbre.key_classifier) do on
// recordings they were not learned from: repeated K-fold cross-validation of the learning
// itself (counting profiles, fitting the minor bias) on each track's pitch classes, as
// `timbre analyze configs/key.yaml` stores them, scored by the MIREX weighted score per genre
// next to the published profiles on the same pitch classes. The shipped model cannot be
// scored on the clips it learned from; this is the figure that can be quoted for it, with
// its 95 % interval over the tracks below the table.
// Usage: timbre_key_cross_validation_bench RESULTS.jsonl LABELS.csv [FOLDS [REPEATS]]
//   LABELS.csv has path, genre and key columns (GTZAN's layout in ../shared/data).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <random>
#include <string>

#include "ml/confidence_interval.hpp"
#include "ml/csv_table.hpp"
#include "plugins/tonal/key_model.hpp"

namespace {

using timbre::plugins::AnnotatedChroma;
using timbre::plugins::KeyProfiles;

struct Track {
    AnnotatedChroma annotated;
    std::string genre;
};

struct Score {
    double mirex = 0.0;
    double exact = 0.0;
    int tracks = 0;
    void add(int estimated, int annotated) {
        const double score = timbre::plugins::mirex_key_score(estimated, annotated);
        mirex += score;
        exact += score == 1.0 ? 1.0 : 0.0;
        ++tracks;
    }
};

int estimated_key(const Track& track, const KeyProfiles& profiles) {
    const auto estimate = timbre::plugins::estimate_key(track.annotated.chroma, profiles);
    return estimate.index();
}

std::vector<Track> read_tracks(const char* results_file, const char* labels_file) {
    const auto table = timbre::host::CsvTable::read(labels_file);
    const std::size_t path = table.column("path"), genre = table.column("genre"), key = table.column("key");
    std::map<std::string, const std::vector<std::string>*> by_file;
    for (const auto& row : table.rows()) {
        by_file[std::filesystem::path(row[path]).filename().string()] = &row;
    }
    std::vector<Track> tracks;
    std::ifstream results(results_file);
    for (std::string line; std::getline(results, line);) {
        const auto record = nlohmann::json::parse(line);
        const auto found = by_file.find(std::filesystem::path(record.at("path").get<std::string>()).filename().string());
        if (found == by_file.end() || record.at("status") != "ok") {
            continue;
        }
        const int annotated = timbre::plugins::key_index((*found->second)[key]);
        if (annotated < 0) {
            continue;
        }
        Track track{{{}, annotated}, (*found->second)[genre]};
        const auto& values = record.at("outputs").at("key.pitch_classes").at("values");
        for (int c = 0; c < 12; ++c) {
            track.annotated.chroma[c] = values.at(timbre::plugins::pitch_class_name(c)).get<double>();
        }
        tracks.push_back(std::move(track));
    }
    return tracks;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3 || argc > 5) {
        std::cerr << "usage: " << argv[0] << " RESULTS.jsonl LABELS.csv [FOLDS [REPEATS]]\n";
        return 1;
    }
    const int folds = argc > 3 ? std::stoi(argv[3]) : 10, repeats = argc > 4 ? std::stoi(argv[4]) : 5;
    const std::vector<Track> tracks = read_tracks(argv[1], argv[2]);
    if (tracks.size() < static_cast<std::size_t>(folds)) {
        std::cerr << "only " << tracks.size() << " tracks with a key and key.pitch_classes in " << argv[1] << "\n";
        return 1;
    }
    std::map<std::string, Score> learned, temperley, krumhansl;
    std::vector<double> biases;
    std::vector<double> learned_mirex_of_tracks(tracks.size(), 0.0);  // mean over the repeats
    const auto temperley_profiles = timbre::plugins::published_profiles(timbre::plugins::KeyProfile::temperley);
    const auto krumhansl_profiles = timbre::plugins::published_profiles(timbre::plugins::KeyProfile::krumhansl);
    for (int repeat = 0; repeat < repeats; ++repeat) {
        std::vector<std::size_t> order(tracks.size());
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<unsigned>(repeat)));
        for (int fold = 0; fold < folds; ++fold) {
            std::vector<AnnotatedChroma> training;
            for (std::size_t k = 0; k < order.size(); ++k) {
                if (static_cast<int>(k % folds) != fold) {
                    training.push_back(tracks[order[k]].annotated);
                }
            }
            const auto model = timbre::plugins::fit_key_model(training);
            biases.push_back(model.profiles.minor_bias);
            for (std::size_t k = fold; k < order.size(); k += folds) {
                const Track& track = tracks[order[k]];
                const int estimate = estimated_key(track, model.profiles);
                for (const std::string& group : {track.genre, std::string("all")}) {
                    learned[group].add(estimate, track.annotated.key);
                }
                learned_mirex_of_tracks[order[k]] +=
                    timbre::plugins::mirex_key_score(estimate, track.annotated.key) / repeats;
            }
        }
    }
    for (const Track& track : tracks) {
        for (const std::string& group : {track.genre, std::string("all")}) {
            temperley[group].add(estimated_key(track, temperley_profiles), track.annotated.key);
            krumhansl[group].add(estimated_key(track, krumhansl_profiles), track.annotated.key);
        }
    }
    std::printf("%zu tracks; learned profiles: %d-fold cross-validation repeated %d times (each track scored %d times "
                "by profiles learned without it); minor bias per fold %.2f to %.2f\n\n",
                tracks.size(), folds, repeats, repeats, *std::min_element(biases.begin(), biases.end()),
                *std::max_element(biases.begin(), biases.end()));
    std::printf("| genre | tracks | learned: exact | learned: MIREX | Temperley: MIREX | Krumhansl-Kessler: MIREX |\n");
    std::printf("|---|---|---|---|---|---|\n");
    const auto row = [&](const std::string& group, const char* format) {
        const Score& score = learned[group];
        std::printf(format, group.c_str(), temperley[group].tracks, score.exact / score.tracks,
                    score.mirex / score.tracks, temperley[group].mirex / temperley[group].tracks,
                    krumhansl[group].mirex / krumhansl[group].tracks);
    };
    for (const auto& [group, score] : learned) {
        if (group != "all") {
            row(group, "| %s | %d | %.2f | %.2f | %.2f | %.2f |\n");
        }
    }
    row("all", "| **%s** | %d | %.3f | **%.3f** | %.3f | %.3f |\n");
    const auto interval = timbre::host::mean_interval(
        learned_mirex_of_tracks, timbre::host::ResamplingUnits::each_example(learned_mirex_of_tracks.size()));
    std::printf("\nThe learned MIREX score's 95 %% interval, bootstrapped over the tracks (each track's mean over the "
                "repeats): %.3f to %.3f\n",
                interval.low, interval.high);
    return 0;
}
