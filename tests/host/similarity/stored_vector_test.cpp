// SPDX-License-Identifier: GPL-3.0-or-later
// A stored vector reads back as the store's writer wrote it (order, names, unknown values),
// its names shared with the library's earlier tracks when they agree, and text that is not a
// stored vector is refused with what is wrong with it.
#include <catch2/catch.hpp>

#include <cmath>

#include "results/value_json.hpp"
#include "similarity/stored_vector.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using namespace timbre::host;

TEST_CASE("a stored vector reads back in its stored order with unknown values as NaN", "[stored-vector]") {
    const Vector written(std::vector<std::string>{"z_last", "a_first", "m", "gone"},
                         std::vector<double>{1.5, -2.0, 1e300, std::nan("")});
    const std::string text = value_to_json(Value(written)).dump();
    std::shared_ptr<const std::vector<std::string>> layout;
    const Vector read = read_stored_vector(text, layout);
    CHECK(read.names() == written.names());
    REQUIRE(read.values().size() == 4);
    CHECK(read.values()[0] == 1.5);
    CHECK(read.values()[1] == -2.0);
    CHECK(read.values()[2] == 1e300);
    CHECK(std::isnan(read.values()[3]));
    REQUIRE(layout);
    CHECK(*layout == written.names());
}

TEST_CASE("tracks whose vectors have the same names share one list of them", "[stored-vector]") {
    std::shared_ptr<const std::vector<std::string>> layout;
    read_stored_vector(R"({"type": "vector", "values": {"a": 1, "b": 2}})", layout);
    const auto first = layout;
    read_stored_vector(R"({"values": {"a": 3, "b": -4}, "type": "vector"})", layout);
    CHECK(layout == first);

    SECTION("other names, fewer or more names, each get their own list") {
        const Vector renamed = read_stored_vector(R"({"values": {"a": 1, "c": 2}})", layout);
        CHECK(layout != first);
        CHECK(renamed.names() == std::vector<std::string>{"a", "c"});
        const Vector shorter = read_stored_vector(R"({"values": {"a": 1}})", layout);
        CHECK(shorter.names() == std::vector<std::string>{"a"});
        const Vector longer = read_stored_vector(R"({"values": {"a": 1, "b": 2, "c": 3}})", layout);
        CHECK(longer.names() == std::vector<std::string>{"a", "b", "c"});
        CHECK(longer.values() == std::vector<double>{1, 2, 3});
    }
}

TEST_CASE("text that is not a stored vector is refused saying why", "[stored-vector]") {
    std::shared_ptr<const std::vector<std::string>> layout;
    CHECK_THROWS_WITH(read_stored_vector(R"({"values": {"a": 1, "b": "loud"}})", layout),
                      Catch::Contains("value 2 is text, not a number"));
    CHECK_THROWS_WITH(read_stored_vector(R"({"values": {"a": [1, 2]}})", layout),
                      Catch::Contains("value 1 is a list"));
    CHECK_THROWS_WITH(read_stored_vector(R"({"type": "scalar", "value": 3})", layout),
                      Catch::Contains("no \"values\" object"));
    CHECK_THROWS_WITH(read_stored_vector(R"({"values": {"a": 1,)", layout), Catch::Contains("not JSON"));
}
