// SPDX-License-Identifier: GPL-3.0-or-later
// The service's limit per client address: a burst's worth is answered at once, then one
// request per 1/rate seconds, each address on its own, and a refused request is told how long
// to wait.
#include <catch2/catch.hpp>

#include "web/client_rate_limit.hpp"

using namespace timbre::host;
using namespace std::chrono_literals;

TEST_CASE("a client gets a burst at once, then its rate, and is told how long to wait", "[web]") {
    ClientRateLimit limit(2.0, 10.0);  // 2 a second, bursts of 20
    const auto start = ClientRateLimit::Clock::time_point() + 1h;
    for (int i = 0; i < 20; ++i) {
        REQUIRE_FALSE(limit.admit("10.0.0.1", start));
    }
    const auto refused = limit.admit("10.0.0.1", start);
    REQUIRE(refused);
    CHECK(*refused == Approx(0.5));
    CHECK(limit.admit("10.0.0.1", start + 250ms) == Approx(0.25));
    CHECK_FALSE(limit.admit("10.0.0.1", start + 500ms));
    CHECK(limit.admit("10.0.0.1", start + 500ms));

    CHECK_FALSE(limit.admit("10.0.0.2", start + 500ms));  // another address has its own bucket

    // Idle long enough, a client has its whole burst again, and not more.
    const auto later = start + 1min;
    for (int i = 0; i < 20; ++i) {
        REQUIRE_FALSE(limit.admit("10.0.0.1", later));
    }
    CHECK(limit.admit("10.0.0.1", later));
}

TEST_CASE("a rate below one a burst still answers one request", "[web]") {
    ClientRateLimit limit(0.01, 10.0);
    const auto start = ClientRateLimit::Clock::time_point() + 1h;
    CHECK_FALSE(limit.admit("a", start));
    const auto refused = limit.admit("a", start);
    REQUIRE(refused);
    CHECK(*refused == Approx(100.0));
}
