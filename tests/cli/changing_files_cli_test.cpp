// SPDX-License-Identifier: GPL-3.0-or-later
// A library is not frozen while timbre reads it: a file rewritten while it is analysed fails
// that track (its analysis could mix two contents) and one deleted before its turn fails as
// missing; the other tracks are stored and the run ends normally.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

TEST_CASE("a file changed while it is analysed fails as changed, one deleted before its turn as missing",
          "[cli][reliability]") {
    // One worker, 3 s per track inside the plugin: a.ogg is mid-analysis at 1 s, c.mp3 not
    // yet started.
    test::ScratchDirectory scratch;
    const auto good = test::fixtures / "library" / "good";
    std::filesystem::create_directory(scratch / "music");
    std::filesystem::copy_file(good / "chord.ogg", scratch / "music" / "a.ogg");
    std::filesystem::copy_file(good / "tone.flac", scratch / "music" / "b.flac");
    std::filesystem::copy_file(good / "tone.mp3", scratch / "music" / "c.mp3");
    test::write_text(scratch / "slow.yaml", "plugin_paths: [" + test::good_test_plugins.string() +
                                                "]\nnodes:\n  - id: probe\n    plugin: test.duration\n"
                                                "    params: {delay_ms: 3000}\n    inputs: {audio: track.audio}\n");
    const int pid = test::start_command({test::timbre_binary.string(), "analyze", (scratch / "slow.yaml").string(),
                                         (scratch / "music").string(), "-j", "1", "--db", (scratch / "t.db").string()},
                                        scratch / "run.log");
    std::this_thread::sleep_for(std::chrono::seconds(1));
    std::ofstream(scratch / "music" / "a.ogg", std::ios::app) << "a tag editor wrote here";
    std::filesystem::remove(scratch / "music" / "c.mp3");
    const auto result = test::wait_command(pid);
    const std::string log = test::read_text(scratch / "run.log");
    INFO(log);
    CHECK(result.exit_code == 2);
    CHECK_THAT(log, Catch::Contains("a.ogg: read: the file changed while it was analysed (") &&
                        Catch::Contains("rerun with --resume to analyse it as it is now"));
    CHECK_THAT(log, Catch::Contains("ok: " + (scratch / "music" / "b.flac").string()));
    CHECK_THAT(log, Catch::Contains("c.mp3: read: no such file"));
    SQLite::Database db((scratch / "t.db").string(), SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM tracks WHERE status = 'ok'").getInt() == 1);
    CHECK(db.execAndGet("SELECT count(*) FROM features f JOIN tracks t ON t.id = f.track_id "
                        "WHERE t.path LIKE '%a.ogg'").getInt() == 0);
}
