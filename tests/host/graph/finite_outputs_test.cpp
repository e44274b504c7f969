// SPDX-License-Identifier: GPL-3.0-or-later
// The node-boundary check names where a value stops being a number, for every value type,
// and lets NaN through only where the port declares it "not measured".
#include <catch2/catch.hpp>

#include <cmath>

#include "graph/finite_outputs.hpp"

using namespace timbre;
using timbre::host::first_non_finite;

TEST_CASE("NaN and infinity are found and placed in every kind of value", "[graph]") {
    CHECK(first_non_finite(Scalar{1.5, "s"}, false) == std::nullopt);
    CHECK(first_non_finite(Scalar{NAN, "s"}, false) == "NaN");
    CHECK(first_non_finite(Scalar{NAN, "s"}, true) == std::nullopt);
    CHECK(first_non_finite(Scalar{-INFINITY, "dB"}, true) == "infinity");

    CHECK(first_non_finite(Vector({"a", "b"}, {1.0, NAN}), false) == "NaN at 'b'");
    CHECK(first_non_finite(Vector({"a", "b"}, {1.0, NAN}), true) == std::nullopt);

    CHECK(first_non_finite(Frames(2, 3, 0.01, {0, 1, 2, 3, INFINITY, 5}), false) == "infinity in frame 1, bin 1");
    CHECK(first_non_finite(Frames(2, 2, 0.01, {0, 1, 2, NAN}, {"low", "high"}), false) ==
          "NaN in frame 1, bin 'high'");
    CHECK(first_non_finite(Frames(2, 2, 0.01, {0, 1, 2, 3}, {"low", "high"}), false) == std::nullopt);

    CHECK(first_non_finite(Audio({0.0f, 0.5f, NAN}, 100.0), false) == "NaN at sample 2");
    CHECK(first_non_finite(MultichannelAudio({{0.0f, 0.1f}, {0.2f, INFINITY}}, 100.0), false) ==
          "infinity at sample 1 of channel 1");

    CHECK(first_non_finite(Labels({{"calm", 0.25}, {"energetic", 0.75}}), false) == std::nullopt);
    CHECK(first_non_finite(Text{"no numbers"}, false) == std::nullopt);
}
