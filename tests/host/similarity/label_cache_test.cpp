// SPDX-License-Identifier: GPL-3.0-or-later
// The labels kept beside a store: a library opened through them has exactly the answers,
// tempo, key, energy and loudness its store gives, whether the file is missing, kept,
// damaged, left from another store under the same name, or older than a re-analysis (then
// only the tracks analysed since are derived).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

#include "results/result_store.hpp"
#include "similarity/label_cache.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

// Records one track per name in a run of `pipeline`: two genre models (so the catalogue
// derives the "genre" answer from their mean), a mood answer, and, except for the track
// named "bare", a tempo, key, energy and loudness; `lean` (0..1) tilts every answer.
void record_labelled_library(const std::filesystem::path& file, const std::vector<std::string>& names, double lean,
                    const std::string& pipeline) {
    SqliteResultStore store(file);
    const auto run = store.begin_run({"timbre analyze", "full.yaml", "", pipeline, pipeline});
    for (const auto& name : names) {
        TrackResult result;
        result.path = "/music/" + name + ".ogg";
        result.content_hash = name;
        result.status = TrackStatus::ok;
        result.outputs["genre_trees.probabilities"] =
            std::make_shared<const Value>(Labels({{"rock", lean}, {"pop", 1.0 - lean}}));
        result.outputs["genre_cnn.probabilities"] =
            std::make_shared<const Value>(Labels({{"rock", 0.5}, {"pop", 0.3}, {"jazz", 0.2}}));
        result.outputs["mood.answer"] = std::make_shared<const Value>(
            Labels({{"calm / relaxed", 1.0 - lean}, {"happy / excited", lean}}));
        if (name != "bare") {
            result.outputs["rhythm.tempo"] = std::make_shared<const Value>(
                Vector(std::vector<std::string>{"bpm", "confidence"}, std::vector<double>{90.0 + 60.0 * lean, 0.8}));
            result.outputs["key.key"] = std::make_shared<const Value>(Text{lean > 0.5 ? "A minor" : "C major"});
            result.outputs["descriptors.descriptors"] = std::make_shared<const Value>(
                Vector(std::vector<std::string>{"energy", "brightness"}, std::vector<double>{lean / 2.0, 0.1}));
            result.outputs["loudness.integrated"] = std::make_shared<const Value>(Scalar{-20.0 + lean, "LUFS"});
        }
        store.record_track(run, pipeline, result);
    }
}

// Every track's answers and values as one line each, as a library opened from `file` reads them.
std::vector<std::string> answers_of(const std::filesystem::path& file) {
    const TrackCatalogue catalogue = TrackCatalogue::open(file, TrackCatalogue::Signatures::skipped);
    std::vector<std::string> lines;
    for (const auto& track : catalogue.tracks()) {
        std::ostringstream line;
        line << track.path.filename().string() << ':';
        for (const auto& [node, answer] : track.labels) {
            line << ' ' << node << '=' << answer.label << '@' << answer.probability;
        }
        line << " bpm=" << track.bpm.value_or(-1.0) << " key=" << track.key.value_or("none")
             << " energy=" << track.energy.value_or(-1.0) << " lufs=" << track.loudness_lufs.value_or(1.0);
        lines.push_back(line.str());
    }
    return lines;
}

}  // namespace

TEST_CASE("a library's labels read through the label cache are the store's, however the cache stands", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    const std::vector<std::string> names{"one", "two", "bare"};
    record_labelled_library(file, names, 0.75, "p");
    const LabelCache cache(file);
    REQUIRE_FALSE(std::filesystem::exists(cache.file()));
    const std::vector<std::string> from_store = answers_of(file);
    REQUIRE(std::filesystem::exists(cache.file()));
    REQUIRE(from_store.size() == 3);
    CHECK(from_store[0] ==
          "bare.ogg: genre=rock@0.625 genre_cnn=rock@0.5 genre_trees=rock@0.75 mood=happy / excited@0.75 "
          "bpm=-1 key=none energy=-1 lufs=1");
    CHECK(from_store[1] ==
          "one.ogg: genre=rock@0.625 genre_cnn=rock@0.5 genre_trees=rock@0.75 mood=happy / excited@0.75 "
          "bpm=135 key=A minor energy=0.375 lufs=-19.25");

    SECTION("kept: read from it, unchanged") {
        const auto written = std::filesystem::last_write_time(cache.file());
        CHECK(answers_of(file) == from_store);
        CHECK(std::filesystem::last_write_time(cache.file()) == written);
    }
    SECTION("damaged: cut short, or not a cache at all, read as none and written again") {
        std::filesystem::resize_file(cache.file(), std::filesystem::file_size(cache.file()) - 3);
        CHECK(answers_of(file) == from_store);
        std::ofstream(cache.file(), std::ios::binary | std::ios::trunc) << "timbre library labels 1\n"
                                                                        << std::string(200, '\x01');
        CHECK(answers_of(file) == from_store);
        const auto written = std::filesystem::last_write_time(cache.file());
        CHECK(answers_of(file) == from_store);
        CHECK(std::filesystem::last_write_time(cache.file()) == written);
    }
    SECTION("left from another store of the same name: as many tracks and runs, other answers") {
        std::filesystem::remove(file);
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the run's start is kept to the second
        record_labelled_library(file, names, 0.25, "p");
        const auto other = answers_of(file);
        CHECK(other[1] ==
              "one.ogg: genre=pop@0.525 genre_cnn=rock@0.5 genre_trees=pop@0.75 mood=calm / relaxed@0.75 "
              "bpm=105 key=C major energy=0.125 lufs=-19.75");
    }
    SECTION("a row deleted by hand, its number given to another file: that file's answers") {
        {
            SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
            database.exec("DELETE FROM features WHERE track_id = (SELECT max(id) FROM tracks)");
            database.exec("DELETE FROM labels WHERE track_id = (SELECT max(id) FROM tracks)");
            database.exec("DELETE FROM tracks WHERE id = (SELECT max(id) FROM tracks)");
        }
        record_labelled_library(file, {"four"}, 0.25, "p");
        const auto later = answers_of(file);
        REQUIRE(later.size() == 3);
        CHECK(later[0] == "four.ogg: genre=pop@0.525 genre_cnn=rock@0.5 genre_trees=pop@0.75 mood=calm / relaxed@0.75 "
                          "bpm=105 key=C major energy=0.125 lufs=-19.75");
    }
    SECTION("a large library, one track analysed again: its rows alone read, the answers a full reading gives") {
        std::vector<std::string> more;
        for (int k = 0; k < 40; ++k) {
            more.push_back("more" + std::to_string(k));
        }
        record_labelled_library(file, more, 0.6, "p");
        const auto before = answers_of(file);
        REQUIRE(before.size() == 43);
        record_labelled_library(file, {"two"}, 0.25, "q");
        const auto later = answers_of(file);
        std::filesystem::remove(cache.file());
        const auto full = answers_of(file);
        CHECK(later == full);
        CHECK(later != before);
        CHECK(std::count(later.begin(), later.end(), from_store[2]) == 0);  // "two" as it was
    }
    SECTION("a track analysed again, and one added: their later answers; the others' read from the file") {
        record_labelled_library(file, {"two", "three"}, 0.25, "q");
        // The store's answer for "one" changed behind the cache's back (timbre only ever adds
        // rows): read from the file, the kept tracks still give what they gave.
        {
            SQLite::Database database(file.string(), SQLite::OPEN_READWRITE);
            database.exec("UPDATE features SET json = replace(json, '0.75', '0.7') WHERE track_id = "
                          "(SELECT id FROM tracks WHERE path = '/music/one.ogg') AND output = 'genre_trees.probabilities'");
        }
        const auto later = answers_of(file);
        REQUIRE(later.size() == 4);
        CHECK(later[0] == from_store[0]);
        CHECK(later[1] == from_store[1]);
        CHECK(later[2] ==
              "three.ogg: genre=pop@0.525 genre_cnn=rock@0.5 genre_trees=pop@0.75 mood=calm / relaxed@0.75 "
              "bpm=105 key=C major energy=0.125 lufs=-19.75");
        CHECK(later[3] ==
              "two.ogg: genre=pop@0.525 genre_cnn=rock@0.5 genre_trees=pop@0.75 mood=calm / relaxed@0.75 "
              "bpm=105 key=C major energy=0.125 lufs=-19.75");
        CHECK(answers_of(file) == later);
    }
}
