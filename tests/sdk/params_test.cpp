// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter specs check type and range with messages that name the allowed values.
#include <catch2/catch.hpp>

#include "timbre/timbre.hpp"

using namespace timbre;

TEST_CASE("an integer parameter rejects reals, and values outside its range", "[sdk]") {
    const ParamSpec spec{"bands", ParamType::integer, std::int64_t{64}, 1, 512, {}, "", ""};
    CHECK(spec.check(std::int64_t{64}).empty());
    CHECK(spec.check(2.5) == "expects an integer");
    CHECK(spec.check(std::int64_t{0}) == "must be in [1, 512], got 0");
    CHECK(spec.check(std::string("many")) == "expects an integer");
}

TEST_CASE("a real parameter accepts integers and rejects non-finite values", "[sdk]") {
    const ParamSpec spec{"fmin", ParamType::real, 0.0, 0.0, {}, {}, "Hz", ""};
    CHECK(spec.check(std::int64_t{20}).empty());
    CHECK(spec.check(-1.0) == "must be in [0, inf], got -1");
    CHECK_FALSE(spec.check(std::numeric_limits<double>::infinity()).empty());
}

TEST_CASE("a string parameter with choices lists them when given another", "[sdk]") {
    const ParamSpec spec{"mode", ParamType::string, std::string("fast"), {}, {}, {"fast", "exact"}, "", ""};
    CHECK(spec.check(std::string("exact")).empty());
    CHECK(spec.check(std::string("slow")) == "must be one of {fast, exact}, got \"slow\"");
}

TEST_CASE("Params gives typed access and names an undeclared parameter", "[sdk]") {
    const Params params({{"n", std::int64_t{3}}, {"gain", 0.5}, {"on", true}, {"name", std::string("x")}});
    CHECK(params.integer("n") == 3);
    CHECK(params.real("n") == 3.0);
    CHECK(params.real("gain") == 0.5);
    CHECK(params.boolean("on"));
    CHECK(params.string("name") == "x");
    CHECK_THROWS_WITH(params.real("missing"), Catch::Contains("parameter 'missing'"));
    CHECK_THROWS_AS(params.integer("gain"), ParameterError);
}
