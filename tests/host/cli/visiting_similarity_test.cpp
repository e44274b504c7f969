// SPDX-License-Identifier: GPL-3.0-or-later
// A file compared with a served library borrows what the library's similarity measured (its
// reference sample, scales, joint embedding and index) instead of reading it again: it must
// be answered as opening the store with the file admitted answers it (what the command line
// does), and the library's own tracks as the library answers them.
#include <catch2/catch.hpp>

#include "cli/named_file_addition.hpp"
#include "cli/store_metrics.hpp"
#include "playlist/playlist_strategy.hpp"
#include "playlist/ruled_members.hpp"
#include "support/command_run.hpp"
#include "support/demo_store.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
// The nearest tracks of the track at `path`, by path, with their distances.
std::vector<std::pair<std::string, double>> nearest(const StoreSimilarity& opened, const std::string& path) {
    std::vector<std::pair<std::string, double>> answer;
    const RuledMembers everyone(opened.catalogue, *opened.similarity, {});
    for (const auto& neighbour :
         similar_tracks(opened.catalogue, *opened.similarity, opened.catalogue.find(path), 6, everyone)) {
        answer.emplace_back(opened.catalogue.tracks()[neighbour.track].path.string(), neighbour.distance);
    }
    return answer;
}
}  // namespace

TEST_CASE("a file compared with a large library is answered as opening the store with it answers",
          "[cli][similarity]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const auto song = scratch / "cut.wav";
    REQUIRE(test::run_command({"/usr/bin/ffmpeg", "-v", "error", "-ss", "20", "-t", "10", "-i",
                               "/usr/share/games/asc/music/frontiers.mp3", song.string()})
                .exit_code == 0);
    // The demo library's 36 tracks stand for a large one: a reference sample of 12 and an index.
    SearchSettings large;
    large.exact_below = 10;
    large.reference_sample = 12;
    large.candidates = 12;
    const StoreSimilarity library(store, "", {}, large);
    REQUIRE(library.similarity->indexed());
    const TrackCatalogue visitors = visitors_of(library.catalogue, store, {song.string()}, {});
    const StoreSimilarity borrowing(library, visitors, store);
    const StoreSimilarity opened(store, "", {}, large, {song.string()});
    CHECK(borrowing.similarity->indexed());
    CHECK(borrowing.similarity->upkeep().scaled == 1);  // the visitor alone was measured
    const std::string visitor = std::filesystem::canonical(song).string();
    const auto answer = nearest(borrowing, visitor);
    REQUIRE(answer.size() == 6);
    CHECK(answer == nearest(opened, visitor));
    for (const char* track : {"frontiers", "hr-savino-caribbean", "Awakening"}) {
        const std::string path = library.catalogue.tracks()[library.catalogue.find(track)].path.string();
        INFO(path);
        CHECK(nearest(borrowing, path) == nearest(library, path));
        CHECK(nearest(opened, path) == nearest(library, path));
    }
}
