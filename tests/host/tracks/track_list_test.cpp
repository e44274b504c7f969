// SPDX-License-Identifier: GPL-3.0-or-later
// Track collection is recursive, sorted and filtered by extension inside folders, and
// follows each symbolic link once; shards partition the list.
#include <catch2/catch.hpp>

#include <set>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"
#include "timbre/error.hpp"
#include "tracks/track_list.hpp"

using namespace timbre::host;

TEST_CASE("folders are walked recursively in sorted order, keeping audio extensions only", "[tracks]") {
    const auto tracks = collect_tracks({timbre::test::fixtures / "library"}, {});
    REQUIRE(tracks.size() == 13);
    CHECK(std::is_sorted(tracks.begin(), tracks.end()));
    CHECK(tracks.front().filename() == "broken-link.ogg");
    const auto explicit_file = collect_tracks({"/etc/hostname"}, {});
    REQUIRE(explicit_file.size() == 1);
}

TEST_CASE("shards partition the track list", "[tracks]") {
    const auto all = collect_tracks({timbre::test::fixtures / "library"}, {});
    std::set<std::filesystem::path> seen;
    std::size_t total = 0;
    for (unsigned k = 1; k <= 3; ++k) {
        for (const auto& track : collect_tracks({timbre::test::fixtures / "library"}, {k, 3})) {
            seen.insert(track);
            ++total;
        }
    }
    CHECK(total == all.size());
    CHECK(seen.size() == all.size());
}

TEST_CASE("a shard must be K/N with 1 <= K <= N", "[tracks]") {
    CHECK(parse_shard("2/8").index == 2);
    CHECK(parse_shard("2/8").count == 8);
    CHECK_THROWS_WITH(parse_shard("0/8"), Catch::Contains("--shard '0/8'"));
    CHECK_THROWS_AS(parse_shard("9/8"), timbre::Error);
    CHECK_THROWS_AS(parse_shard("two"), timbre::Error);
}

TEST_CASE("symbolic links are followed once: a link to an ancestor does not walk the library again", "[tracks]") {
    timbre::test::ScratchDirectory scratch;
    const auto music = scratch / "music";
    std::filesystem::create_directories(music / "a");
    std::filesystem::create_directories(music / "b");
    const auto good = timbre::test::fixtures / "library" / "good";
    std::filesystem::copy_file(good / "tone.mp3", music / "a" / "tone.mp3");
    std::filesystem::copy_file(good / "chord.ogg", music / "b" / "chord.ogg");
    std::filesystem::create_directory_symlink("..", music / "a" / "again");    // the library again, forever
    std::filesystem::create_directory_symlink("../a", music / "b" / "alias");  // a folder under two paths
    std::filesystem::create_symlink("a/tone.mp3", music / "tone-link.mp3");    // a file under two paths
    std::filesystem::create_symlink("self.mp3", music / "self.mp3");           // a loop of one link
    const auto tracks = collect_tracks({music}, {});
    CHECK(tracks == std::vector<std::filesystem::path>{music / "a" / "tone.mp3", music / "b" / "chord.ogg",
                                                       music / "self.mp3"});
}
