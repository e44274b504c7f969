// SPDX-License-Identifier: GPL-3.0-or-later
// Port values refuse to be built inconsistent, and report their port type.
#include <catch2/catch.hpp>

#include "timbre/timbre.hpp"

using namespace timbre;

TEST_CASE("Frames refuses data whose size is not frames x bins", "[sdk]") {
    CHECK_NOTHROW(Frames(2, 3, 0.01, std::vector<float>(6)));
    CHECK_THROWS_WITH(Frames(2, 3, 0.01, std::vector<float>(5)), Catch::Contains("needs 6 values, got 5"));
    CHECK_THROWS_AS(Frames(2, 3, 0.01, std::vector<float>(6), {"a", "b"}), Error);
    CHECK_THROWS_AS(Frames(2, 3, 0.0, std::vector<float>(6)), Error);
}

TEST_CASE("Vector refuses names and values of different lengths", "[sdk]") {
    CHECK_THROWS_WITH(Vector({"a"}, {1.0, 2.0}), Catch::Contains("1 names for 2 values"));
    CHECK(Vector({"a", "b"}, {1.0, 2.0}).size() == 2);
}

TEST_CASE("Labels must be a probability distribution and knows its top class", "[sdk]") {
    const Labels labels({{"rock", 0.2}, {"jazz", 0.7}, {"pop", 0.1}});
    CHECK(labels.top() == "jazz");
    CHECK_THROWS_WITH(Labels({{"rock", 0.5}, {"jazz", 0.6}}), Catch::Contains("sum to"));
    CHECK_THROWS_WITH(Labels({{"rock", 1.5}, {"jazz", -0.5}}), Catch::Contains("outside [0, 1]"));
    CHECK_THROWS_AS(Labels({}), Error);
}

TEST_CASE("Audio needs a positive sample rate and reports its duration", "[sdk]") {
    CHECK(Audio(std::vector<float>(22050), 22050.0).duration_seconds() == Approx(1.0));
    CHECK_THROWS_AS(Audio({}, 0.0), Error);
}

TEST_CASE("port_type_of names the held alternative", "[sdk]") {
    CHECK(port_type_of(Value(Scalar{1.0, "dB"})) == PortType::scalar);
    CHECK(port_type_of(Value(Text{"x"})) == PortType::text);
    CHECK(to_string(PortType::frames) == "frames");
}

TEST_CASE("Inputs::get names the port when it is missing or of another type", "[sdk]") {
    Outputs outputs;
    outputs.put("level", Scalar{3.0, "dB"});
    const Inputs inputs(outputs.values());
    CHECK(inputs.get<Scalar>("level").value == 3.0);
    CHECK_THROWS_WITH(inputs.get<Text>("level"), Catch::Contains("port 'level'") && Catch::Contains("holds scalar"));
    CHECK_THROWS_WITH(inputs.get<Scalar>("other"), Catch::Contains("port 'other'"));
}
