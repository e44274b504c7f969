// SPDX-License-Identifier: GPL-3.0-or-later
// The library's map is drawn from the library's similarity and kept beside the store: an
// indexed library must get the map of the same library searched exactly (its neighbours are
// the same), a kept map must be what the page is given while the library is unchanged (drawing
// it on 14,049 tracks takes 4.7 s), a damaged map file must be drawn again, and a changed
// library's map must keep the shape of the earlier one.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/store_metrics.hpp"
#include "similarity/library_map.hpp"
#include "support/demo_store.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

void check_same(const std::vector<MapPoint>& made, const std::vector<MapPoint>& read) {
    REQUIRE(read.size() == made.size());
    for (std::size_t i = 0; i < made.size(); ++i) {
        INFO("track " << i);
        CHECK(read[i].x == made[i].x);
        CHECK(read[i].y == made[i].y);
    }
}

std::string bytes_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// The map turned over left to right.
void mirror(KeptMap& map) {
    for (PlacedTrack& track : map.tracks) {
        track.point.x = -track.point.x;
    }
}

}  // namespace

TEST_CASE("the map of an indexed library is the map of the same library searched exactly", "[similarity][map]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const StoreSimilarity exact(store, "", {});
    REQUIRE_FALSE(exact.similarity->indexed());
    const auto made = library_map(*exact.similarity);
    REQUIRE(made.size() == 36);
    REQUIRE(std::filesystem::remove(exact.similarity->cache()->map_file()));
    SearchSettings always_indexed;
    always_indexed.exact_below = 0;
    const StoreSimilarity indexed(store, "", {}, always_indexed);
    REQUIRE(indexed.similarity->indexed());
    check_same(made, library_map(*indexed.similarity));
}

TEST_CASE("a kept map is read back, and a damaged one drawn again", "[similarity][map]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const StoreSimilarity opened(store, "", {});
    const auto drawn = library_map(*opened.similarity);
    const SimilarityCache& cache = *opened.similarity->cache();
    REQUIRE(std::filesystem::exists(cache.map_file()));
    const std::string kept_bytes = bytes_of(cache.map_file());

    SECTION("kept: what the file holds is the map") {
        auto kept = cache.load_map();
        REQUIRE(kept);
        mirror(*kept);
        cache.save_map(*kept);
        const auto read = library_map(*opened.similarity);
        REQUIRE(read.size() == drawn.size());
        for (std::size_t i = 0; i < read.size(); ++i) {
            INFO("track " << i);
            CHECK(read[i].x == Approx(-drawn[i].x).margin(1e-6));
            CHECK(read[i].y == drawn[i].y);
        }
    }
    SECTION("two principal components ignore it") {
        CHECK(library_map(*opened.similarity, MapLayout::principal_components).size() == drawn.size());
        CHECK(bytes_of(cache.map_file()) == kept_bytes);
    }
    SECTION("damaged: drawn again, the same, and kept again") {
        write_bytes(cache.map_file(), kept_bytes.substr(0, kept_bytes.size() - 3));
        check_same(drawn, library_map(*opened.similarity));
        CHECK(bytes_of(cache.map_file()) == kept_bytes);
    }
}

// When the library changes, the page's map should keep its shape: the map kept for the library
// as it was is where the tracks start, and only settles. Made here by keeping a map for another
// fingerprint (what a changed library has) and seeing the new map follow it.
TEST_CASE("a changed library's map keeps the shape of the map it had", "[similarity][map]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const StoreSimilarity opened(store, "", {});
    const auto drawn = library_map(*opened.similarity);
    const SimilarityCache& cache = *opened.similarity->cache();
    auto earlier = cache.load_map();
    REQUIRE(earlier);
    earlier->library = "the library before";

    SECTION("the same tracks, mirrored on the earlier map: mirrored on the new one") {
        mirror(*earlier);
        cache.save_map(*earlier);
        const auto settled = library_map(*opened.similarity);
        REQUIRE(settled.size() == drawn.size());
        double from_mirror = 0.0, from_drawn = 0.0;
        for (std::size_t i = 0; i < drawn.size(); ++i) {
            from_mirror += std::hypot(settled[i].x + drawn[i].x, settled[i].y - drawn[i].y) / drawn.size();
            from_drawn += std::hypot(settled[i].x - drawn[i].x, settled[i].y - drawn[i].y) / drawn.size();
        }
        CHECK(from_mirror < 0.15);
        CHECK(from_drawn > 3 * from_mirror);
    }
    SECTION("three tracks new since, on a mirrored earlier map: placed among their neighbours, the rest stay") {
        mirror(*earlier);
        earlier->tracks.resize(33);
        cache.save_map(*earlier);
        const auto settled = library_map(*opened.similarity);
        REQUIRE(settled.size() == drawn.size());
        double moved = 0.0;
        for (std::size_t i = 0; i < 33; ++i) {
            moved += std::hypot(settled[i].x + drawn[i].x, settled[i].y - drawn[i].y) / 33.0;
        }
        CHECK(moved < 0.15);
        for (std::size_t i = 33; i < 36; ++i) {
            INFO("new track " << i);
            float x = 0.0f, y = 0.0f;
            const auto nearest = opened.similarity->nearest(i, 5, [](std::size_t j) { return j < 33; });
            for (std::size_t j : nearest) {
                x += settled[j].x / 5.0f;
                y += settled[j].y / 5.0f;
            }
            CHECK(std::hypot(settled[i].x - x, settled[i].y - y) < 0.5);
        }
    }
    SECTION("fewer than half the tracks on the earlier map: drawn afresh") {
        earlier->tracks.resize(17);
        cache.save_map(*earlier);
        check_same(drawn, library_map(*opened.similarity));
    }
}
