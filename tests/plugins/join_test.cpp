// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.join keeps every input's names, refuses two inputs carrying the same name (a silent
// overwrite would feed a model the wrong number), and with `prefix` joins two embeddings
// whose values share their names.
#include <catch2/catch.hpp>

#include "support/plugin_harness.hpp"

using namespace timbre;

TEST_CASE("join keeps names in input order, refuses a repeated one, and prefixes vectors when asked", "[plugins][join]") {
    const Vector first({"e000", "e001"}, {1.0, 2.0});
    const Vector second({"e000", "e001"}, {3.0, 4.0});

    test::BuiltinPlugin plain("timbre.join", {});
    const auto one = plain.run({{"v1", first}, {"s1", Scalar{5.0, "dB"}}});
    const auto& joined = test::BuiltinPlugin::get<Vector>(one, "vector");
    CHECK(joined.names() == std::vector<std::string>{"e000", "e001", "s1"});
    CHECK(joined.values() == std::vector<double>{1.0, 2.0, 5.0});
    CHECK_THROWS_WITH(plain.run({{"v1", first}, {"v2", second}}),
                      Catch::Contains("two inputs both carry 'e000'") && Catch::Contains("prefix: true"));

    test::BuiltinPlugin prefixed("timbre.join", {{"prefix", true}});
    const auto both = prefixed.run({{"v1", first}, {"v2", second}});
    const auto& named = test::BuiltinPlugin::get<Vector>(both, "vector");
    CHECK(named.names() == std::vector<std::string>{"v1.e000", "v1.e001", "v2.e000", "v2.e001"});
    CHECK(named.values() == std::vector<double>{1.0, 2.0, 3.0, 4.0});
}
