// SPDX-License-Identifier: GPL-3.0-or-later
// The library's map is drawn from the library's similarity and kept beside the store: an
// indexed library must get the map of the same library searched exactly (its neighbours are
// the same), a kept map must be what the page is given while the library is unchanged (drawing
// it on 14,049 tracks takes 4.7 s), and a damaged or foreign map file must be drawn again.
#include <catch2/catch.hpp>

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

TEST_CASE("a kept map is read back, and a damaged or foreign one drawn again", "[similarity][map]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const StoreSimilarity opened(store, "", {});
    const auto drawn = library_map(*opened.similarity);
    const auto file = opened.similarity->cache()->map_file();
    REQUIRE(std::filesystem::exists(file));
    const std::string kept = bytes_of(file);

    SECTION("kept: what the file holds is the map") {
        std::string moved = kept;
        moved[moved.size() - 1] ^= 0x40;  // the last track's y, changed in the file only
        write_bytes(file, moved);
        const auto read = library_map(*opened.similarity);
        REQUIRE(read.size() == drawn.size());
        CHECK(read.back().y != drawn.back().y);
        CHECK(read.front().x == drawn.front().x);
    }
    SECTION("damaged: drawn again, the same, and kept again") {
        write_bytes(file, kept.substr(0, kept.size() - 3));
        check_same(drawn, library_map(*opened.similarity));
        CHECK(bytes_of(file) == kept);
    }
    SECTION("made for another library: drawn again") {
        std::vector<MapPoint> elsewhere(drawn.size(), MapPoint{0.5f, 0.5f});
        opened.similarity->cache()->save_map("another library", elsewhere);
        check_same(drawn, library_map(*opened.similarity));
    }
    SECTION("two principal components ignore it") {
        const auto components = library_map(*opened.similarity, MapLayout::principal_components);
        REQUIRE(components.size() == drawn.size());
        CHECK(bytes_of(file) == kept);
    }
}
