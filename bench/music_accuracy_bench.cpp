// SPDX-License-Identifier: GPL-3.0-or-later
// Tempo, beat and key accuracy of an analysis against annotations, per genre: the figures
// issue 12 sets targets for, printed from a JSONL that `timbre analyze` wrote (any config
// storing rhythm.tempo, rhythm.beats and key.key) and a labels CSV with path, genre, bpm
// and key columns plus a folder of .beats files (GTZAN's layout in ../shared/data).
//   Tempo: Acc1 within 4 % of the annotation; Acc2 also at x2, x1/2, x3, x1/3 (MIREX).
//   Beats: F-measure with a +-70 ms window, the first 5 s of both lists ignored (as
//   mir_eval does), each annotated beat matched at most once (greedy, nearest first).
//   Key: MIREX weighted score (1 exact, 0.5 fifth above or below with the same mode, 0.3
//   relative, 0.2 parallel), on clips with a key annotation.
//   Below the table, the all row's 95 % intervals (ml/confidence_interval.hpp).
// Usage: timbre_music_accuracy_bench RESULTS.jsonl LABELS.csv BEATS_DIR
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "ml/confidence_interval.hpp"
#include "ml/csv_table.hpp"
#include "plugins/tonal/key_profiles.hpp"

namespace {

struct Tally {
    int tempo_clips = 0, acc1 = 0, acc2 = 0;
    int beat_clips = 0;
    double beat_f = 0.0;
    int key_clips = 0, key_exact = 0;
    double key_score = 0.0;
    void add(const Tally& other) {
        tempo_clips += other.tempo_clips, acc1 += other.acc1, acc2 += other.acc2;
        beat_clips += other.beat_clips, beat_f += other.beat_f;
        key_clips += other.key_clips, key_exact += other.key_exact, key_score += other.key_score;
    }
};

bool within(double estimate, double reference) { return std::abs(estimate - reference) <= 0.04 * reference; }

double beat_f_measure(std::vector<double> estimate, std::vector<double> reference) {
    const auto trim = [](std::vector<double>& beats) { std::erase_if(beats, [](double t) { return t < 5.0; }); };
    trim(estimate);
    trim(reference);
    if (estimate.empty() || reference.empty()) {
        return estimate.empty() && reference.empty() ? 1.0 : 0.0;
    }
    std::vector<bool> used(reference.size(), false);
    int hits = 0;
    for (double beat : estimate) {
        std::size_t best = reference.size();
        for (std::size_t r = 0; r < reference.size(); ++r) {
            if (!used[r] && std::abs(reference[r] - beat) <= 0.07 &&
                (best == reference.size() || std::abs(reference[r] - beat) < std::abs(reference[best] - beat))) {
                best = r;
            }
        }
        if (best < reference.size()) {
            used[best] = true;
            ++hits;
        }
    }
    const double precision = static_cast<double>(hits) / static_cast<double>(estimate.size());
    const double recall = static_cast<double>(hits) / static_cast<double>(reference.size());
    return hits == 0 ? 0.0 : 2.0 * precision * recall / (precision + recall);
}

std::vector<double> read_beats(const std::filesystem::path& file) {
    std::vector<double> beats;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        double time = 0.0;
        if (fields >> time) {
            beats.push_back(time);
        }
    }
    return beats;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: " << argv[0] << " RESULTS.jsonl LABELS.csv BEATS_DIR\n";
        return 1;
    }
    const std::filesystem::path labels_file = argv[2], beats_dir = argv[3];
    const auto table = timbre::host::CsvTable::read(labels_file);
    const std::size_t path = table.column("path"), genre = table.column("genre"), bpm = table.column("bpm"),
                      key = table.column("key");
    std::map<std::string, const std::vector<std::string>*> by_file;
    for (const auto& row : table.rows()) {
        by_file[std::filesystem::path(row[path]).filename().string()] = &row;
    }
    std::map<std::string, Tally> tallies;
    std::vector<double> beat_f_of_clips, key_score_of_clips;
    std::ifstream results(argv[1]);
    for (std::string line; std::getline(results, line);) {
        const auto record = nlohmann::json::parse(line);
        const std::string file = std::filesystem::path(record.at("path").get<std::string>()).filename().string();
        const auto found = by_file.find(file);
        if (found == by_file.end() || record.at("status") != "ok") {
            continue;
        }
        const auto& row = *found->second;
        const auto& outputs = record.at("outputs");
        Tally tally;
        if (!row[bpm].empty()) {
            const double truth = std::stod(row[bpm]);
            const double estimate = outputs.at("rhythm.tempo").at("values").at("bpm").get<double>();
            tally.tempo_clips = 1;
            tally.acc1 = within(estimate, truth);
            tally.acc2 = tally.acc1 || within(estimate, truth * 2) || within(estimate, truth / 2) ||
                         within(estimate, truth * 3) || within(estimate, truth / 3);
        }
        const auto beats_file = beats_dir / (std::filesystem::path(file).stem().string() + ".beats");
        if (std::filesystem::exists(beats_file)) {
            std::vector<double> estimate;
            for (const auto& value : outputs.at("rhythm.beats").at("data")) {
                estimate.push_back(value.is_array() ? value.at(0).get<double>() : value.get<double>());
            }
            tally.beat_clips = 1;
            tally.beat_f = beat_f_measure(estimate, read_beats(beats_file));
            beat_f_of_clips.push_back(tally.beat_f);
        }
        if (const int truth = timbre::plugins::key_index(row[key]); truth >= 0) {
            const double score = timbre::plugins::mirex_key_score(
                timbre::plugins::key_index(outputs.at("key.key").at("text").get<std::string>()), truth);
            tally.key_clips = 1;
            tally.key_exact = score == 1.0;
            tally.key_score = score;
            key_score_of_clips.push_back(score);
        }
        tallies[row[genre]].add(tally);
        tallies["all"].add(tally);
    }
    std::printf("| genre | tempo clips | Acc1 | Acc2 | beat clips | beat F (70 ms) | key clips | key exact | key MIREX |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    const auto ratio = [](double part, int whole) { return whole > 0 ? part / whole : 0.0; };
    // "0.47", or "–" where the genre has no annotated clip.
    const auto cell = [](double part, int whole) {
        char text[16];
        std::snprintf(text, sizeof text, "%.2f", whole > 0 ? part / whole : 0.0);
        return whole > 0 ? std::string(text) : std::string("–");
    };
    for (const auto& [name, tally] : tallies) {
        if (name == "all") {
            continue;
        }
        std::printf("| %s | %d | %s | %s | %d | %s | %d | %s | %s |\n", name.c_str(), tally.tempo_clips,
                    cell(tally.acc1, tally.tempo_clips).c_str(), cell(tally.acc2, tally.tempo_clips).c_str(),
                    tally.beat_clips, cell(tally.beat_f, tally.beat_clips).c_str(), tally.key_clips,
                    cell(tally.key_exact, tally.key_clips).c_str(), cell(tally.key_score, tally.key_clips).c_str());
    }
    const Tally& all = tallies["all"];
    std::printf("| **all** | %d | **%.3f** | **%.3f** | %d | **%.3f** | %d | %.3f | **%.3f** |\n", all.tempo_clips,
                ratio(all.acc1, all.tempo_clips), ratio(all.acc2, all.tempo_clips), all.beat_clips,
                ratio(all.beat_f, all.beat_clips), all.key_clips, ratio(all.key_exact, all.key_clips),
                ratio(all.key_score, all.key_clips));
    if (all.tempo_clips == 0 || beat_f_of_clips.empty() || key_score_of_clips.empty()) {
        return 0;
    }
    using timbre::host::exact_share_interval, timbre::host::mean_interval, timbre::host::ResamplingUnits;
    const auto acc1 = exact_share_interval(all.acc1, all.tempo_clips);
    const auto acc2 = exact_share_interval(all.acc2, all.tempo_clips);
    const auto beats = mean_interval(beat_f_of_clips, ResamplingUnits::each_example(beat_f_of_clips.size()));
    const auto keys = mean_interval(key_score_of_clips, ResamplingUnits::each_example(key_score_of_clips.size()));
    std::printf("\n95 %% intervals of the all row (Acc1 and Acc2 exact binomial, the means bootstrapped over the "
                "clips): Acc1 %.3f to %.3f, Acc2 %.3f to %.3f, beat F %.3f to %.3f, key MIREX %.3f to %.3f\n",
                acc1.low, acc1.high, acc2.low, acc2.high, beats.low, beats.high, keys.low, keys.high);
    return 0;
}
