// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin that throws, breaks its descriptor, or crashes the process is reported by name;
// a throwing or misbehaving plugin (NaN or infinity where its descriptor allows none
// included) fails the track, not the run.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <csignal>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
test::CommandResult analyze_with(const std::string& plugin, const test::ScratchDirectory& scratch) {
    test::write_text(scratch / "p.yaml", "plugin_paths: [" + test::good_test_plugins.string() + "]\nnodes:\n  - id: probe\n"
                                         "    plugin: " + plugin + "\n    inputs: {audio: track.audio}\n");
    return test::run_timbre({"analyze", (scratch / "p.yaml").string(), (test::fixtures / "library" / "good").string(),
                             "-j", "1", "--db", (scratch / "t.db").string()});
}
}  // namespace

TEST_CASE("a working test plugin loaded through plugin_paths analyses every track", "[cli][plugins]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_with("test.duration", scratch);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("3 tracks: 3 ok, 0 failed"));
}

TEST_CASE("a throwing plugin fails each track with the node and plugin named", "[cli][plugins]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_with("test.throwing", scratch);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("node 'probe' (plugin test.throwing): this plugin always fails"));
    CHECK_THAT(result.output, Catch::Contains("3 tracks: 0 ok, 3 failed"));
}

TEST_CASE("a plugin that omits a declared output or returns the wrong type is reported", "[cli][plugins]") {
    test::ScratchDirectory scratch;
    const auto missing = analyze_with("test.missing_output", scratch);
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("(plugin test.missing_output): did not produce its declared output 'value'"));
    const auto wrong = analyze_with("test.wrong_type", scratch);
    CHECK(wrong.exit_code == 2);
    CHECK_THAT(wrong.output, Catch::Contains("output 'value' is declared scalar but the plugin produced text"));
}

TEST_CASE("a plugin that crashes the process is named on stderr", "[cli][plugins]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_with("test.crashing", scratch);
    CHECK(result.signal == SIGSEGV);
    CHECK_THAT(result.output, Catch::Contains("fatal signal") && Catch::Contains("in plugin 'test.crashing'"));
}

TEST_CASE("NaN or infinity in an output fails the track naming the node, unless NaN is declared 'not measured'",
          "[cli][plugins]") {
    test::ScratchDirectory scratch;
    const auto nan = analyze_with("test.nan", scratch);
    CHECK(nan.exit_code == 2);
    CHECK_THAT(nan.output, Catch::Contains("node 'probe' (plugin test.nan): output 'value' holds NaN"));
    const auto infinite = analyze_with("test.infinite", scratch);
    CHECK(infinite.exit_code == 2);
    CHECK_THAT(infinite.output,
               Catch::Contains("node 'probe' (plugin test.infinite): output 'value' holds infinity at 'infinite'"));

    test::ScratchDirectory unknown_scratch;
    const auto unknown = analyze_with("test.not_measured", unknown_scratch);
    INFO(unknown.output);
    CHECK(unknown.exit_code == 0);
    CHECK_THAT(unknown.output, Catch::Contains("3 tracks: 3 ok, 0 failed"));
    SQLite::Database database((unknown_scratch / "t.db").string());
    CHECK(database.execAndGet("SELECT count(*) FROM features WHERE output = 'probe.value' AND value IS NULL").getInt() == 3);
}
