// SPDX-License-Identifier: GPL-3.0-or-later
// A library folder changes between runs: files are moved, copied, deleted and brought back.
// `analyze --resume` over the folder leaves the store's library what the folder holds, each
// moved or copied file under its new path with the results of its earlier analysis (not
// analysed again), each deleted one out; and a folder found empty is taken for an unmounted
// drive, its tracks kept. Resuming, a file whose size and time are unchanged is not read again.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <fstream>
#include <set>

#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {

// The paths in the library of `store`, relative to `folder`.
std::set<std::string> library(const std::filesystem::path& store, const std::filesystem::path& folder) {
    std::set<std::string> paths;
    const auto catalogue = host::TrackCatalogue::open(store, host::TrackCatalogue::Signatures::skipped);
    for (const auto& track : catalogue.tracks()) {
        paths.insert(track.path.lexically_relative(folder).string());
    }
    return paths;
}

std::set<std::string> ten_tracks() {
    std::set<std::string> names;
    for (int i = 1; i <= 10; ++i) {
        names.insert((i < 10 ? "music/track0" : "music/track") + std::to_string(i) + ".wav");
    }
    return names;
}

}  // namespace

TEST_CASE("analyze --resume keeps the library to what its folder holds as files move, copy, go and come back",
          "[cli][resume]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "d.yaml", "plugin_paths: [" + test::good_test_plugins.string() +
                                             "]\nnodes:\n  - id: d\n    plugin: test.duration\n"
                                             "    inputs: {audio: track.audio}\n");
    const auto music = scratch / "music";
    std::filesystem::copy(test::fixtures / "ten", music);
    const auto store = scratch / "t.db";
    const auto analyse = [&](std::vector<std::string> folders) {
        std::vector<std::string> arguments{"analyze", (scratch / "d.yaml").string()};
        for (const auto& folder : folders) {
            arguments.push_back((scratch / folder).string());
        }
        arguments.insert(arguments.end(), {"--db", store.string(), "--resume", "--no-summary", "-j", "1"});
        const auto run = test::run_timbre(arguments);
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        return run.output;
    };
    analyse({"music"});
    REQUIRE(library(store, scratch.path()) == ten_tracks());

    std::filesystem::create_directory(music / "sub");
    std::filesystem::rename(music / "track01.wav", music / "sub" / "renamed.wav");
    std::filesystem::copy_file(music / "track02.wav", music / "sub" / "copy.wav");
    std::filesystem::remove(music / "track03.wav");
    const auto changed = analyse({"music"});
    CHECK_THAT(changed, Catch::Contains("sub/renamed.wav: the same file as " + (music / "track01.wav").string()) &&
                            Catch::Contains("2 tracks left the library"));
    auto expected = ten_tracks();
    expected.erase("music/track01.wav");
    expected.erase("music/track03.wav");
    expected.insert({"music/sub/renamed.wav", "music/sub/copy.wav"});
    CHECK(library(store, scratch.path()) == expected);
    {
        // Recorded from the earlier analysis, not analysed again: the same stored output.
        SQLite::Database database(store.string(), SQLite::OPEN_READONLY);
        const auto outputs_of = [&](const std::filesystem::path& path) {
            SQLite::Statement query(database,
                                    "SELECT group_concat(output || json || ifnull(layout, '') || ifnull(hex(data), ''), "
                                    "'|') FROM (SELECT * FROM features WHERE track_id = (SELECT max(id) FROM tracks "
                                    "WHERE path = ? AND status = 'ok') ORDER BY output)");
            query.bind(1, path.string());
            REQUIRE(query.executeStep());
            return query.getColumn(0).getString();
        };
        CHECK_FALSE(outputs_of(music / "track01.wav").empty());
        CHECK(outputs_of(music / "sub" / "renamed.wav") == outputs_of(music / "track01.wav"));
        CHECK(database.execAndGet("SELECT count(*) FROM tracks WHERE status = 'ok'").getInt() == 12);
    }

    // Moved back: in the library under its old path again, gone from the new one.
    std::filesystem::rename(music / "sub" / "renamed.wav", music / "track01.wav");
    analyse({"music"});
    expected.erase("music/sub/renamed.wav");
    expected.insert("music/track01.wav");
    CHECK(library(store, scratch.path()) == expected);
    // Nothing changed: nothing recorded.
    const auto rows = [&] {
        return SQLite::Database(store.string(), SQLite::OPEN_READONLY)
            .execAndGet("SELECT count(*) FROM tracks")
            .getInt();
    };
    const int before = rows();
    analyse({"music"});
    CHECK(rows() == before);

    // A second folder found empty (an unmounted drive looks so) keeps its tracks.
    const auto other = scratch / "other";
    std::filesystem::create_directory(other);
    std::filesystem::copy_file(music / "track04.wav", other / "a.wav");
    std::filesystem::copy_file(music / "track05.wav", other / "b.wav");
    analyse({"music", "other"});
    std::filesystem::remove(other / "a.wav");
    std::filesystem::remove(other / "b.wav");
    CHECK_THAT(analyse({"music", "other"}), Catch::Contains(other.string() + " holds no audio files now"));
    CHECK(library(store, scratch.path()).count("other/a.wav") == 1);
}

TEST_CASE("analyze --resume reads again only files whose size or time changed", "[cli][resume]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "d.yaml", "plugin_paths: [" + test::good_test_plugins.string() +
                                             "]\nnodes:\n  - id: d\n    plugin: test.duration\n"
                                             "    inputs: {audio: track.audio}\n");
    std::filesystem::copy(test::fixtures / "ten", scratch / "music");
    const auto analyse = [&] {
        const auto run = test::run_timbre({"analyze", (scratch / "d.yaml").string(), (scratch / "music").string(),
                                           "--db", (scratch / "t.db").string(), "--resume", "-j", "1"});
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        return run.output;
    };
    CHECK_THAT(analyse(), Catch::Contains("10 ok, 0 failed, 0 skipped"));
    // One sample changed in place, size and time put back: trusted, so not read (the limit of
    // the check, as for rsync and make); a new time makes it read, and analysed as it is now.
    const auto file = scratch / "music" / "track04.wav";
    const auto modified = std::filesystem::last_write_time(file);
    {
        std::fstream bytes(file, std::ios::in | std::ios::out | std::ios::binary);
        bytes.seekp(static_cast<std::streamoff>(std::filesystem::file_size(file) / 2));
        bytes.put('\x55');
    }
    std::filesystem::last_write_time(file, modified);
    CHECK_THAT(analyse(), Catch::Contains("0 ok, 0 failed, 10 skipped"));
    std::filesystem::last_write_time(file, modified + std::chrono::seconds(1));
    CHECK_THAT(analyse(), Catch::Contains("1 ok, 0 failed, 9 skipped"));
    CHECK_THAT(analyse(), Catch::Contains("0 ok, 0 failed, 10 skipped"));
}
