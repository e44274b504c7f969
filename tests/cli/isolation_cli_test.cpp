// SPDX-License-Identifier: GPL-3.0-or-later
// `analyze --isolate`: a plugin that crashes, aborts, hangs or leaks fails only its track
// (named with node and plugin), the run goes on and exits normally, and an isolated run
// stores exactly what a threaded one does.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include "support/command_run.hpp"
#include "support/store_contents.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
// The test plugin `plugin` over the three 3-4 s tracks of the good library (where the
// misbehaving plugins strike) and a 0.3 s clip (which they spare).
test::CommandResult analyze_isolated(const std::string& plugin, const test::ScratchDirectory& scratch,
                                     const std::vector<std::string>& options) {
    test::write_text(scratch / "p.yaml", "plugin_paths: [" + test::good_test_plugins.string() + "]\nnodes:\n  - id: probe\n"
                                         "    plugin: " + plugin + "\n    inputs: {audio: track.audio}\n");
    std::vector<std::string> arguments{"analyze",
                                       (scratch / "p.yaml").string(),
                                       (test::fixtures / "library" / "good").string(),
                                       (test::fixtures / "formats" / "short-clip.wav").string(),
                                       "--db",
                                       (scratch / "t.db").string()};
    arguments.insert(arguments.end(), options.begin(), options.end());
    return test::run_timbre(arguments);
}

int tracks_with_status(const test::ScratchDirectory& scratch, const std::string& status) {
    SQLite::Database db((scratch / "t.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement query(db, "SELECT count(*) FROM tracks WHERE status = ?");
    query.bind(1, status);
    query.executeStep();
    return query.getColumn(0).getInt();
}
}  // namespace

TEST_CASE("with --isolate a plugin that segfaults or aborts fails only its tracks, named, and the run finishes",
          "[cli][isolation]") {
    for (const auto& [plugin, death] : {std::pair{"test.crashing", "died of signal 11 (Segmentation fault)"},
                                        std::pair{"test.aborting", "died of signal 6 (Aborted)"}}) {
        test::ScratchDirectory scratch;
        const auto result = analyze_isolated(plugin, scratch, {"--isolate", "-j", "2"});
        INFO(result.output);
        CHECK(result.signal == 0);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.output, Catch::Contains("node 'probe' (plugin " + std::string(plugin) +
                                                  "): its worker process " + death + " while it ran"));
        CHECK_THAT(result.output, Catch::Contains("4 tracks: 1 ok, 3 failed"));
        CHECK(tracks_with_status(scratch, "ok") == 1);
        CHECK(tracks_with_status(scratch, "failed") == 3);
    }
}

TEST_CASE("a track over its --track-timeout is stopped, the plugin that never returned named, and the other tracks finish",
          "[cli][isolation]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_isolated("test.hanging", scratch, {"--track-timeout", "1.5", "-j", "2"});
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("node 'probe' (plugin test.hanging): stopped after 1.5 s, over this "
                                              "track's time limit of 1.5 s"));
    CHECK_THAT(result.output, Catch::Contains("4 tracks: 1 ok, 3 failed"));
    CHECK(tracks_with_status(scratch, "failed") == 3);
}

TEST_CASE("a node that never returns from a block of the streamed source is named, not the decoder", "[cli][isolation]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "p.yaml", "plugin_paths: [" + test::good_test_plugins.string() + "]\nnodes:\n"
                                         "  - id: probe\n    plugin: test.streamed_source_shape\n"
                                         "    params: {hang_after_seconds: 1}\n    inputs: {source: track.source}\n");
    const auto result =
        test::run_timbre({"analyze", (scratch / "p.yaml").string(), (test::fixtures / "library" / "good").string(),
                          (test::fixtures / "formats" / "short-clip.wav").string(), "--db", (scratch / "t.db").string(),
                          "--track-timeout", "1.5", "-j", "2"});
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("node 'probe' (plugin test.streamed_source_shape): stopped after 1.5 s"));
    CHECK_THAT(result.output, !Catch::Contains("decode: stopped"));
    CHECK(tracks_with_status(scratch, "ok") == 1);
    CHECK(tracks_with_status(scratch, "failed") == 3);
}

TEST_CASE("a worker that grows past --worker-memory is replaced and every track is analysed", "[cli][isolation]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_isolated("test.leaking", scratch, {"--worker-memory", "120", "-j", "1"});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("over --worker-memory 120 MiB: replaced by a fresh one"));
    CHECK_THAT(result.output, Catch::Contains("4 tracks: 4 ok, 0 failed"));
}

TEST_CASE("the track time limit takes 'auto' or seconds, and names anything else", "[cli][isolation]") {
    test::ScratchDirectory scratch;
    const auto result = analyze_isolated("test.duration", scratch, {"--track-timeout", "soon"});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains("--track-timeout: 'soon' is neither 'auto' nor a number of seconds"));
    CHECK_FALSE(std::filesystem::exists(scratch / "t.db"));
}

TEST_CASE("an isolated run stores exactly what a threaded run stores", "[cli][isolation]") {
    test::ScratchDirectory scratch;
    const auto run = [&](const std::string& store, const std::vector<std::string>& options) {
        std::vector<std::string> arguments{"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                           (test::fixtures / "library").string(), "--db", (scratch / store).string(),
                                           "-j", "2", "--no-summary"};
        arguments.insert(arguments.end(), options.begin(), options.end());
        return test::run_timbre(arguments);
    };
    const auto threaded = run("threads.db", {});
    const auto isolated = run("processes.db", {"--isolate"});
    INFO(isolated.output);
    CHECK(isolated.exit_code == threaded.exit_code);
    CHECK_THAT(isolated.output, Catch::Contains("worker processes"));
    const std::string contents = test::store_contents(scratch / "threads.db");
    CHECK_THAT(contents, Catch::Contains(" ok ") && Catch::Contains(" failed "));
    CHECK(test::store_contents(scratch / "processes.db") == contents);
}

TEST_CASE("worker processes run at every log level the command takes", "[cli][isolation]") {
    for (const char* level : {"warn", "error", "debug"}) {
        INFO(level);
        test::ScratchDirectory scratch;
        const auto result = test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                              (test::fixtures / "library" / "good").string(), "--db",
                                              (scratch / "t.db").string(), "--isolate", "--log-level", level});
        INFO(result.output);
        CHECK(result.exit_code == 0);
        CHECK(tracks_with_status(scratch, "ok") == 3);
    }
}
