// SPDX-License-Identifier: GPL-3.0-or-later
// Catch2's main for the whole suite. Tests talk HTTP to servers that may answer before reading
// a whole request and close (a body too large, say); writing on to such a connection must be
// an error the client sees, not a SIGPIPE that ends the test run.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>

int main(int argc, char* argv[]) {
    std::signal(SIGPIPE, SIG_IGN);
    return Catch::Session().run(argc, argv);
}
