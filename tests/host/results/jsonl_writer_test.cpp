// SPDX-License-Identifier: GPL-3.0-or-later
// JSONL lines come out in track order whatever order tracks finish in, and an appending
// writer first removes a line left half-written by a killed run.
#include <catch2/catch.hpp>

#include "results/jsonl_writer.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
TrackResult failed(std::size_t index) {
    return TrackResult{.index = index, .path = "track" + std::to_string(index) + ".wav", .error = "x"};
}
}  // namespace

TEST_CASE("JSONL lines are written in track order as soon as all earlier tracks are done", "[results]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "out.jsonl";
    JsonLinesWriter writer(file, false);
    writer.add(failed(2));
    writer.add(failed(1));
    CHECK(test::read_text(file).empty());
    writer.add(failed(0));
    const auto text = test::read_text(file);
    const auto first = text.find("track0"), second = text.find("track1"), third = text.find("track2");
    CHECK(first < second);
    CHECK(second < third);
    CHECK(third != std::string::npos);
}

TEST_CASE("an appending JSONL writer trims a partial last line and keeps complete ones", "[results]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "out.jsonl";
    test::write_text(file, "{\"path\":\"a\"}\n{\"path\":\"b\",\"sta");
    {
        JsonLinesWriter writer(file, true);
        writer.add(failed(0));
    }
    const auto text = test::read_text(file);
    CHECK(text.rfind("{\"path\":\"a\"}\n{\"path\":\"track0.wav\"", 0) == 0);
    CHECK(text.find("sta\"") == std::string::npos);
    CHECK(text.back() == '\n');
}
