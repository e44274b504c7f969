// SPDX-License-Identifier: GPL-3.0-or-later
// Datasets are read with RFC 4180 quoting, de-duplicated by id, and a bad value or missing
// column is reported with the file, line and column; folder datasets take labels from
// sub-folders, groups from tags and drop repeated recordings.
#include <catch2/catch.hpp>

#include <filesystem>

#include "ml/dataset.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"
#include "timbre/error.hpp"

using namespace timbre::host;

TEST_CASE("a CSV dataset is read with quoted commas, de-duplicated by id, unlabelled rows dropped", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "id,name,x,y,label\n1,\"Hello, world\",0.5,2,pop\n1,dup,9,9,pop\n"
                                                "2,\"say \"\"hi\"\"\",1e3,-1,rock\n3,none,1,1,\n");
    const Dataset dataset = load_dataset({.csv = scratch / "d.csv", .label = "label", .features = {"x", "y"}, .id = "id"});
    REQUIRE(dataset.examples.size() == 2);
    CHECK(dataset.duplicates_dropped == 1);
    CHECK(dataset.unlabelled_dropped == 1);
    CHECK(dataset.examples[1].features == std::vector<double>{1000.0, -1.0});
    CHECK(dataset.examples[1].label == "rock");
}

TEST_CASE("a non-numeric feature and a missing column are reported with file, line and column", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "x,label\n1,a\nabc,b\n");
    const auto file = (scratch / "d.csv").string();
    CHECK_THROWS_WITH(load_dataset({.csv = scratch / "d.csv", .label = "label", .features = {"x"}}),
                      Catch::Contains(file + ":3: column 'x' holds 'abc', not a number"));
    CHECK_THROWS_WITH(load_dataset({.csv = scratch / "d.csv", .label = "genre", .features = {"x"}}),
                      Catch::Contains("has no column 'genre' (columns: x, label)"));
}

TEST_CASE("a year feature reads dates of any precision and names a value that is not one", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "released,label\n2019-06-14,a\n1987,b\n2001-03,a\n");
    const FeatureColumn year("released", FeatureColumn::Reading::year);
    const Dataset dataset = load_dataset({.csv = scratch / "d.csv", .label = "label", .features = {year}});
    CHECK(dataset.feature_names == std::vector<std::string>{"released.year"});
    REQUIRE(dataset.examples.size() == 3);
    CHECK(dataset.examples[0].features[0] == 2019.0);
    CHECK(dataset.examples[1].features[0] == 1987.0);
    CHECK(dataset.examples[2].features[0] == 2001.0);
    timbre::test::write_text(scratch / "bad.csv", "released,label\n2019-06-14,a\n19/06/2019,b\n");
    CHECK_THROWS_WITH(load_dataset({.csv = scratch / "bad.csv", .label = "label", .features = {year}}),
                      Catch::Contains(":3: column 'released' holds '19/06/2019', not a date starting with a four-digit year"));
}

TEST_CASE("a second CSV (test_csv) becomes the held-out split, a split column marks rows", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "train.csv", "x,label,side\n1,a,train\n2,b,test\n");
    timbre::test::write_text(scratch / "test.csv", "x,label,side\n3,a,train\n");
    const Dataset two_files = load_dataset(
        {.csv = scratch / "train.csv", .label = "label", .features = {"x"}, .test_csv = scratch / "test.csv"});
    REQUIRE(two_files.examples.size() == 3);
    CHECK(two_files.has_own_split);
    CHECK_FALSE(two_files.examples[0].held_out);
    CHECK(two_files.examples[2].held_out);
    const Dataset by_column = load_dataset({.csv = scratch / "train.csv", .label = "label", .features = {"x"}, .split = "side"});
    CHECK(by_column.examples[1].held_out);
    CHECK_FALSE(by_column.examples[0].held_out);
}

TEST_CASE("a folder dataset labels files by sub-folder, groups by a tag and keeps one copy of a recording", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    const auto good = timbre::test::fixtures / "library" / "good";
    std::filesystem::create_directories(scratch / "music" / "calm");
    std::filesystem::create_directories(scratch / "music" / "loud" / "nested");
    std::filesystem::copy_file(good / "chord.ogg", scratch / "music" / "calm" / "chord.ogg");
    std::filesystem::copy_file(good / "tone.mp3", scratch / "music" / "loud" / "nested" / "tone.mp3");
    std::filesystem::copy_file(good / "tone.flac", scratch / "music" / "loud" / "tone.flac");
    std::filesystem::copy_file(good / "chord.ogg", scratch / "music" / "loud" / "same recording.ogg");
    timbre::test::write_text(scratch / "music" / "loud" / "notes.txt", "not audio");

    const Dataset dataset = load_dataset({.folder = scratch / "music", .group = "artist"});
    REQUIRE(dataset.examples.size() == 3);
    CHECK(dataset.duplicates_dropped == 1);
    CHECK(dataset.examples[0].label == "calm");
    CHECK(dataset.examples[0].group == "artist:Test Artist");
    CHECK(dataset.examples[1].label == "loud");
    CHECK(dataset.examples[1].audio.filename() == "tone.mp3");
    CHECK(dataset.examples[1].group == "artist:Tone Artist");
    CHECK(dataset.examples[2].group == dataset.examples[2].audio.string());  // no artist tag: its own group

    CHECK_THROWS_WITH(load_dataset({.folder = scratch / "missing"}), Catch::Contains("does not exist"));
    CHECK_THROWS_WITH(load_dataset({.folder = scratch / "music" / "calm"}),
                      Catch::Contains("needs one per label, at least two"));
}

TEST_CASE("label rules map a free-text label column to classes, first match wins, unmatched rows dropped", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "x,tags\n1,\"['pop rap', 'dance pop']\"\n2,['Country Road']\n3,['polka']\n");
    const Dataset dataset = load_dataset({.csv = scratch / "d.csv",
                                          .label = "tags",
                                          .label_rules = {{"rap|hip hop", "hip-hop"}, {"pop", "pop"}, {"country", "country"}},
                                          .features = {"x"}});
    REQUIRE(dataset.examples.size() == 2);
    CHECK(dataset.examples[0].label == "hip-hop");
    CHECK(dataset.examples[1].label == "country");
    CHECK(dataset.unlabelled_dropped == 1);
}

TEST_CASE("a regression dataset reads a numeric target and joins features by normalised keys", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "moods.csv", "artist,title,valence\nThe Band,Song One!,0.5\n"
                                                    "the band,song  two,-1.25\nNobody,Missing,0.1\n");
    timbre::test::write_text(scratch / "features.csv", "Artist,Track,energy\nTHE BAND,song one,0.9\nThe Band,Song Two,0.2\n");
    const Dataset dataset = load_dataset({.csv = scratch / "moods.csv",
                                          .target = "valence",
                                          .join = DatasetJoin{scratch / "features.csv", {{"artist", "Artist"}, {"title", "Track"}}},
                                          .features = {"energy"},
                                          .group = "artist"});
    REQUIRE(dataset.examples.size() == 2);
    CHECK(dataset.unjoined_dropped == 1);
    CHECK(dataset.examples[0].target == 0.5);
    CHECK(dataset.examples[0].features == std::vector<double>{0.9});
    CHECK(dataset.examples[1].target == -1.25);
    CHECK(dataset.examples[1].features == std::vector<double>{0.2});
    CHECK(dataset.examples[1].label.empty());
}

TEST_CASE("the same lyrics up to case and punctuation are one example, kept once per side of a dataset's own split",
          "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "d.csv", "artist,lyrics,mood,split\n"
                                                "A,\"Hello, world!\",happy,train\n"
                                                "B,hello   WORLD,happy,train\n"
                                                "C,hello world,happy,test\n"
                                                "D,something else,sad,test\n");
    const Dataset dataset =
        load_dataset({.csv = scratch / "d.csv", .label = "mood", .text = "lyrics", .split = "split", .group = "artist"});
    REQUIRE(dataset.examples.size() == 3);
    CHECK(dataset.duplicates_dropped == 1);
    CHECK(dataset.examples[0].key == dataset.examples[1].key);  // the copy on the test side stays, with the same key
    CHECK(dataset.examples[1].held_out);
    CHECK(dataset.examples[0].key != dataset.examples[2].key);
    CHECK(dataset.examples[2].origin == (scratch / "d.csv").string() + ":5");
}

TEST_CASE("a CSV of audio paths keeps one row per recording and names examples by their file", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    std::filesystem::copy_file(timbre::test::fixtures / "clicks" / "click_60.wav", scratch / "a.wav");
    std::filesystem::copy_file(timbre::test::fixtures / "clicks" / "click_60.wav", scratch / "copy.wav");
    std::filesystem::copy_file(timbre::test::fixtures / "clicks" / "click_120.wav", scratch / "b.wav");
    timbre::test::write_text(scratch / "d.csv", "path,label\na.wav,slow\ncopy.wav,slow\nb.wav,fast\nmissing.wav,fast\n");
    const Dataset dataset = load_dataset({.csv = scratch / "d.csv", .label = "label", .audio = "path"});
    REQUIRE(dataset.examples.size() == 3);
    CHECK(dataset.duplicates_dropped == 1);
    CHECK(dataset.examples[2].origin == (scratch / "missing.wav").string());  // unreadable: kept, fails when decoded
}

TEST_CASE("pooled sources keep each example's source, never merge two sources' groups, and must agree", "[ml]") {
    timbre::test::ScratchDirectory scratch;
    timbre::test::write_text(scratch / "a.csv", "x,label,room\n1,cello,1\n2,flute,1\n3,flute,2\n");
    timbre::test::write_text(scratch / "b.csv", "x,kind,room\n4,Cello,1\n5,drum,2\n");
    DatasetSpec pooled;
    pooled.sources.push_back({.csv = scratch / "a.csv", .label = "label", .features = {"x"}, .group = "room"});
    pooled.sources.push_back({.csv = scratch / "b.csv", .label = "kind", .label_rules = {{"^cello$", "cello"}},
                              .features = {"x"}, .group = "room"});
    const Dataset dataset = load_dataset(pooled);
    REQUIRE(dataset.examples.size() == 4);  // b.csv's drum matches no rule
    CHECK(dataset.unlabelled_dropped == 1);
    REQUIRE(dataset.sources.size() == 2);
    CHECK(dataset.sources[0].location == (scratch / "a.csv").string());
    CHECK(dataset.sources[1].location == (scratch / "b.csv").string());
    CHECK((dataset.sources[0].grouped && dataset.sources[1].grouped));
    pooled.sources[1].group.clear();
    const Dataset half_grouped = load_dataset(pooled);
    CHECK((half_grouped.sources[0].grouped && !half_grouped.sources[1].grouped));
    CHECK(dataset.examples[2].source == 0);
    CHECK(dataset.examples[3].source == 1);
    CHECK(dataset.examples[3].label == "cello");
    CHECK(dataset.examples[0].group != dataset.examples[3].group);  // both "room 1", in different studios
    CHECK(dataset.examples[0].group == dataset.examples[1].group);
    CHECK(is_grouped(pooled));
    CHECK(dataset_location(pooled) == (scratch / "a.csv").string() + " + " + (scratch / "b.csv").string());

    pooled.sources[1].features = {"room"};
    CHECK_THROWS_WITH(load_dataset(pooled), Catch::Contains("differs from") && Catch::Contains("feature columns"));
    pooled.sources[1] = {.csv = scratch / "b.csv", .label = "kind", .audio = "x"};
    CHECK_THROWS_WITH(reads_audio(pooled), Catch::Contains("one gives audio files, the other none"));
}
