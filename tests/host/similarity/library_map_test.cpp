// SPDX-License-Identifier: GPL-3.0-or-later
// The library's map reads each track's joint embedding from the index where the library has
// one (opening `timbre serve` on 14,420 tracks: 7.8 s -> 3.0 s), so the index must hold what
// the signatures make: on the demo store, the map of an indexed library is the map of the
// same library searched exactly, point for point.
#include <catch2/catch.hpp>

#include "cli/store_metrics.hpp"
#include "similarity/library_map.hpp"
#include "support/demo_store.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("the map read from the index is the map made from the signatures", "[similarity]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const StoreSimilarity exact(store, "", {});
    REQUIRE_FALSE(exact.similarity->indexed());
    SearchSettings always_indexed;
    always_indexed.exact_below = 0;
    const StoreSimilarity indexed(store, "", {}, always_indexed);
    REQUIRE(indexed.similarity->indexed());
    const auto made = library_map(*exact.similarity);
    const auto read = library_map(*indexed.similarity);
    REQUIRE(made.size() == 36);
    REQUIRE(read.size() == made.size());
    for (std::size_t i = 0; i < made.size(); ++i) {
        INFO("track " << i);
        CHECK(read[i].x == made[i].x);
        CHECK(read[i].y == made[i].y);
    }
}
