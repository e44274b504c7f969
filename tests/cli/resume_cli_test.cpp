// SPDX-License-Identifier: GPL-3.0-or-later
// A run killed mid-way keeps every track it committed; `--resume` analyses only the rest,
// so that afterwards every track is in the store and the JSONL exactly once, and a store
// killed many times at random moments ends equal to one an uninterrupted run wrote.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <random>
#include <set>
#include <thread>

#include "support/command_run.hpp"
#include "support/store_contents.hpp"
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

TEST_CASE("kill -9 at random moments, then --resume: the store ends as an uninterrupted run leaves it",
          "[cli][resume]") {
    // The real feature pipeline on the first 20 s of the demo library's 17 HyperRogue tracks,
    // two workers. Half the kills come at a random time (start-up, opening the store,
    // mid-track), half once one more track is committed plus a random few milliseconds
    // (mid-commit, mid-next-track), so that many runs die with the store part-written.
    test::ScratchDirectory scratch;
    test::write_text(scratch / "short.yaml", "include: " + (test::source_dir / "configs" / "features.yaml").string() +
                                                 "\nwindow: {duration: 20}\n");
    const auto command = [&](const std::string& store) {
        return std::vector<std::string>{test::timbre_binary.string(), "analyze", (scratch / "short.yaml").string(),
                                        "/usr/share/hyperrogue/music", "-j", "2", "--no-summary", "--db",
                                        (scratch / store).string(), "--resume"};
    };
    const auto started = std::chrono::steady_clock::now();
    const auto reference = test::run_command(command("reference.db"));
    const double whole_run_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    INFO(reference.output);
    REQUIRE(reference.exit_code == 0);
    const int total = count_tracks(scratch / "reference.db");
    REQUIRE(total == 17);

    std::mt19937 random(20261202);
    int killed_mid_run = 0;
    for (int attempt = 0; attempt < 24 && count_tracks(scratch / "killed.db") < total; ++attempt) {
        const int before = count_tracks(scratch / "killed.db");
        const int pid = test::start_command(command("killed.db"), scratch / "run.log");
        if (attempt % 2 == 0) {
            const double wait_ms = std::uniform_real_distribution<double>(0.0, 0.4 * whole_run_ms)(random);
            std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(wait_ms * 1000)));
        } else {
            const int target = before + 1;
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
            while (count_tracks(scratch / "killed.db") < target && std::chrono::steady_clock::now() < deadline) {
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 15)(random)));
        }
        ::kill(pid, SIGKILL);
        test::wait_command(pid);
        const int after = count_tracks(scratch / "killed.db");
        killed_mid_run += after > before && after < total;
    }
    const auto last = test::run_command(command("killed.db"));
    INFO(last.output);
    INFO("runs killed with some but not all tracks committed: " << killed_mid_run);
    CHECK(last.exit_code == 0);
    CHECK(killed_mid_run >= 5);
    SQLite::Database database((scratch / "killed.db").string(), SQLite::OPEN_READONLY);
    CHECK(database.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(database.execAndGet("SELECT count(*) FROM features f LEFT JOIN tracks t ON t.id = f.track_id "
                              "WHERE t.id IS NULL").getInt() == 0);
    CHECK(test::store_contents(scratch / "killed.db") == test::store_contents(scratch / "reference.db"));
}

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
