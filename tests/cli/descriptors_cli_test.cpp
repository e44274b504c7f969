// SPDX-License-Identifier: GPL-3.0-or-later
// The high-level descriptors move the right way on signals whose answer is known: speech is
// not instrumental, a chord is; the same chord 20 dB quieter has less energy; a steady click
// track is more danceable than speech.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

TEST_CASE("descriptors: speech is not instrumental, quieter is less energetic, a steady beat is danceable",
          "[cli][descriptors]") {
    test::ScratchDirectory scratch;
    const auto result = test::run_timbre(
        {"analyze", (test::source_dir / "configs" / "features.yaml").string(), (test::fixtures / "speech.wav").string(),
         (test::fixtures / "library" / "good" / "chord.ogg").string(),
         (test::fixtures / "levels" / "loud.wav").string(), (test::fixtures / "levels" / "quiet.wav").string(),
         (test::fixtures / "clicks" / "click_120.wav").string(), "--db", (scratch / "t.db").string(), "--out",
         (scratch / "t.jsonl").string()});
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    std::map<std::string, nlohmann::json> d;
    std::istringstream lines(test::read_text(scratch / "t.jsonl"));
    for (std::string line; std::getline(lines, line);) {
        const auto record = nlohmann::json::parse(line);
        d[std::filesystem::path(record["path"].get<std::string>()).stem().string()] =
            record["outputs"]["descriptors.descriptors"]["values"];
    }
    CHECK(d.at("speech")["instrumentalness"].get<double>() < 0.2);
    CHECK(d.at("chord")["instrumentalness"].get<double>() > 0.8);
    CHECK(d.at("loud")["energy"].get<double>() > d.at("quiet")["energy"].get<double>() + 0.2);
    CHECK(d.at("click_120")["danceability"].get<double>() > d.at("speech")["danceability"].get<double>() + 0.3);
    for (const auto& [name, values] : d) {
        for (const auto& [descriptor, value] : values.items()) {
            INFO(name << " " << descriptor);
            CHECK(value.get<double>() >= 0.0);
            CHECK(value.get<double>() <= 1.0);
        }
    }
}
