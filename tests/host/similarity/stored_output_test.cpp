// SPDX-License-Identifier: GPL-3.0-or-later
// The small outputs a library reads (labels, tempo and descriptor vectors, a scalar, a text)
// read back as the store's writer wrote them, and text that is not a stored output is refused.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "results/value_json.hpp"
#include "similarity/stored_output.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
StoredOutput written_and_read(const Value& value) { return read_stored_output(value_to_json(value).dump()); }
}  // namespace

TEST_CASE("stored labels, vectors, scalars and texts read back as they were written", "[stored-vector]") {
    const auto labels = written_and_read(Labels({{"jazz", 0.25}, {"blues", 0.7}, {"rock", 0.05}}));
    CHECK(labels.type == "labels");
    CHECK(labels.top == "blues");
    CHECK(labels.entries == std::vector<std::pair<std::string, double>>{{"jazz", 0.25}, {"blues", 0.7}, {"rock", 0.05}});

    const auto vector = written_and_read(
        Vector(std::vector<std::string>{"bpm", "unknown"}, std::vector<double>{127.5, std::nan("")}));
    CHECK(vector.type == "vector");
    CHECK(vector.entry("bpm") == 127.5);
    CHECK(std::isnan(vector.entry("unknown")));
    CHECK(std::isnan(vector.entry("not there")));

    const auto scalar = written_and_read(Scalar{-14.25, "LUFS"});
    CHECK(scalar.type == "scalar");
    CHECK(scalar.value == -14.25);
    CHECK(std::isnan(written_and_read(Scalar{-std::numeric_limits<double>::infinity(), "LUFS"}).value));

    const auto text = written_and_read(Text{"F\xc3\xa9 minor"});
    CHECK(text.type == "text");
    CHECK(text.text == "F\xc3\xa9 minor");
}

TEST_CASE("text that is not a stored output is refused saying why", "[stored-vector]") {
    CHECK_THROWS_WITH(read_stored_output(R"({"type": "labels", )"), Catch::Contains("not a JSON object"));
    CHECK_THROWS_WITH(read_stored_output("[1, 2]"), Catch::Contains("not a JSON object"));
    CHECK_NOTHROW(read_stored_output(R"({"type": "labels"})"));
}
