// A run killed mid-way keeps every track it committed; `--resume` analyses only the rest,
// so that afterwards every track is in the store and the JSONL exactly once.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <csignal>
#include <set>
#include <sstream>
#include <thread>

#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
int count_tracks(const std::filesystem::path& database) {
    try {
        SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
        return db.execAndGet("SELECT count(*) FROM tracks").getInt();
    } catch (const SQLite::Exception&) {
        return 0;  // not created yet
    }
}
}  // namespace

TEST_CASE("a killed run keeps its finished tracks and --resume completes the rest exactly once", "[cli][resume]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "slow.yaml", "plugin_paths: [" + test::good_test_plugins.string() +
                                                "]\nnodes:\n  - id: slow\n    plugin: test.duration\n"
                                                "    params: {delay_ms: 300}\n    inputs: {audio: track.audio}\n");
    const std::vector<std::string> command{test::timbre_binary.string(), "analyze", (scratch / "slow.yaml").string(),
                                           (test::fixtures / "ten").string(), "-j", "1", "--db",
                                           (scratch / "t.db").string(), "--out", (scratch / "t.jsonl").string()};
    const int pid = test::start_command(command, scratch / "first.log");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (count_tracks(scratch / "t.db") < 3 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGKILL);
    CHECK(test::wait_command(pid).signal == SIGKILL);
    const int kept = count_tracks(scratch / "t.db");
    INFO("tracks committed before the kill: " << kept);
    REQUIRE(kept >= 3);
    REQUIRE(kept < 10);

    std::vector<std::string> resume(command);
    resume.push_back("--resume");
    const auto second = test::run_command(resume);
    INFO(second.output);
    CHECK(second.exit_code == 0);
    CHECK_THAT(second.output, Catch::Contains("resuming: " + std::to_string(kept) + " tracks already analysed"));
    CHECK_THAT(second.output, Catch::Contains(std::to_string(10 - kept) + " ok, 0 failed, " + std::to_string(kept) +
                                              " skipped"));

    SQLite::Database database((scratch / "t.db").string(), SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(database.execAndGet("SELECT count(*) FROM tracks").getInt() == 10);
    CHECK(database.execAndGet("SELECT count(DISTINCT content_hash) FROM tracks WHERE status = 'ok'").getInt() == 10);

    std::istringstream lines(test::read_text(scratch / "t.jsonl"));
    std::multiset<std::string> paths;
    for (std::string line; std::getline(lines, line);) {
        paths.insert(line.substr(0, line.find(",")));
    }
    CHECK(paths.size() == 10);
    CHECK(std::set<std::string>(paths.begin(), paths.end()).size() == 10);
}
