// SPDX-License-Identifier: GPL-3.0-or-later
// A track's original channels reach a streaming plugin block by block as the track decodes,
// and a plugin that reads them whole still gets them whole: both measure the same. A
// streaming plugin that fails part-way fails its track naming it, or is skipped if optional.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
std::string pipeline(const std::string& streamed_options) {
    return "plugin_paths: [" + test::good_test_plugins.string() + "]\nsample_rate: 22050\nnodes:\n"
           "  - {id: whole, plugin: test.source_shape, inputs: {source: track.source}}\n"
           "  - {id: streamed, plugin: test.streamed_source_shape, inputs: {source: track.source}" +
           streamed_options + "}\n"
           "  - {id: duration, plugin: test.duration, inputs: {audio: track.audio}}\n";
}

nlohmann::json only_record(const std::filesystem::path& jsonl) {
    return nlohmann::json::parse(test::read_text(jsonl));
}

std::vector<double> shape(const nlohmann::json& record, const std::string& node) {
    std::vector<double> values;
    for (const auto& [name, value] : record["outputs"][node + ".shape"]["values"].items()) {
        values.push_back(value.get<double>());
    }
    return values;
}
}  // namespace

TEST_CASE("streamed and whole source channels measure the same", "[cli][decode]") {
    struct Case {
        const char* file;
        double rate;
        double energy_tolerance;  // lossy codecs change the level by a few per cent
    };
    for (const auto& [file, rate, energy_tolerance] :
         {Case{"tone.flac", 44100.0, 0.001}, Case{"tone.ogg", 48000.0, 0.1}, Case{"tone.mp3", 44100.0, 0.1}}) {
        INFO(file);
        test::ScratchDirectory scratch;
        test::write_text(scratch / "p.yaml", pipeline(""));
        const auto run =
            test::run_timbre({"analyze", (scratch / "p.yaml").string(), (test::fixtures / "formats" / file).string(),
                              "--db", (scratch / "t.db").string(), "--out", (scratch / "t.jsonl").string()});
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        const auto record = only_record(scratch / "t.jsonl");
        const auto whole = shape(record, "whole"), streamed = shape(record, "streamed");
        REQUIRE(whole.size() == 4);
        CHECK(whole == streamed);
        const auto& values = record["outputs"]["whole.shape"]["values"];
        CHECK(values["channels"] == 2);
        CHECK(values["rate"] == rate);
        CHECK(values["frames"].get<double>() == Approx(3.0 * rate).epsilon(0.01));
        // Two tones of amplitude 0.5: a mean square of 0.125 per channel.
        CHECK(values["energy"].get<double>() == Approx(0.25 * values["frames"].get<double>()).epsilon(energy_tolerance));
    }
}

TEST_CASE("a streaming plugin that fails part-way fails its track by name, or is skipped when optional",
          "[cli][decode]") {
    const auto tone = (test::fixtures / "formats" / "tone.flac").string();
    test::ScratchDirectory scratch;
    test::write_text(scratch / "strict.yaml", pipeline(", params: {fail_after_seconds: 1.0}"));
    const auto strict =
        test::run_timbre({"analyze", (scratch / "strict.yaml").string(), tone, "--db", (scratch / "s.db").string()});
    INFO(strict.output);
    CHECK(strict.exit_code == 2);
    CHECK_THAT(strict.output, Catch::Contains("node 'streamed' (plugin test.streamed_source_shape): failed after"));

    test::write_text(scratch / "optional.yaml", pipeline(", optional: true, params: {fail_after_seconds: 1.0}"));
    const auto lenient = test::run_timbre({"analyze", (scratch / "optional.yaml").string(), tone, "--db",
                                           (scratch / "o.db").string(), "--out", (scratch / "o.jsonl").string()});
    INFO(lenient.output);
    CHECK(lenient.exit_code == 0);
    const auto record = only_record(scratch / "o.jsonl");
    CHECK(record["status"] == "ok");
    CHECK(record["outputs"].contains("whole.shape"));
    CHECK(record["outputs"].contains("duration.value"));
    CHECK_FALSE(record["outputs"].contains("streamed.shape"));
    CHECK_THAT(record["skipped_nodes"]["streamed"].get<std::string>(), Catch::Contains("failed after"));
}
