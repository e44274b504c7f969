// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre analyze` over a library holding good tracks and every kind of bad input: the bad
// ones fail one by one with a clear reason in the log, the JSONL and the store, the good ones
// (including paths with spaces and unicode) finish, and the exit code says some failed.
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "cli/terminal_columns.hpp"
#include "support/command_run.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
std::vector<nlohmann::json> json_lines(const std::filesystem::path& file) {
    std::vector<nlohmann::json> lines;
    std::istringstream text(test::read_text(file));
    for (std::string line; std::getline(text, line);) {
        lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}
}  // namespace

TEST_CASE("analyze survives every bad input, reports each by file, and finishes the good tracks", "[cli]") {
    test::ScratchDirectory scratch;
    const auto result =
        test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                          (test::fixtures / "library").string(), "-j", "2", "--db", (scratch / "t.db").string(),
                          "--out", (scratch / "t.jsonl").string(), "--csv", (scratch / "t.csv").string()});
    INFO(result.output);
    CHECK(result.exit_code == 2);

    const auto lines = json_lines(scratch / "t.jsonl");
    REQUIRE(lines.size() == 13);
    std::map<std::string, nlohmann::json> by_name;
    std::vector<std::string> order;
    for (const auto& line : lines) {
        const std::filesystem::path path = line["path"].get<std::string>();
        by_name[path.filename().string()] = line;
        order.push_back(line["path"]);
    }
    CHECK(std::is_sorted(order.begin(), order.end()));
    const std::map<std::string, std::string> expected_errors{
        {"broken-link.ogg", "broken symbolic link"},
        {"corrupt.mp3", "no decoder recognises its content"},
        {"empty.wav", "file is empty"},
        {"not-audio.wav", "no decoder recognises its content"},
        {"truncated.mp3", "truncated or corrupt"},
        {"truncated.wav", "truncated"},
        {"truncated.ogg", "truncated or corrupt"},
        {"no-audio.webm", "holds no audio stream"},
        {"zero-length.wav", "no audio samples"}};
    for (const auto& [name, error] : expected_errors) {
        INFO(name);
        CHECK(by_name.at(name)["status"] == "failed");
        CHECK_THAT(by_name.at(name)["error"].get<std::string>(), Catch::Contains(error));
        CHECK_THAT(result.output, Catch::Contains(name) && Catch::Contains(error));
    }
    for (const char* name : {"chord.ogg", "tone.mp3", "tone.flac", "ünïcødé tråck.ogg"}) {
        INFO(name);
        const auto& line = by_name.at(name);
        CHECK(line["status"] == "ok");
        CHECK(line["outputs"]["mfcc_stats.stats"]["values"].size() == 20 * 9);
        CHECK(line["outputs"]["mfcc_stats.stats"]["values"]["mfcc1_mean"].is_number());
    }
    CHECK(by_name.at("chord.ogg")["tags"]["artist"] == "Test Artist");
    CHECK(by_name.at("chord.ogg")["tags"]["has_lyrics"] == true);
    CHECK(by_name.at("chord.ogg")["tags"].count("lyrics") == 0);
    CHECK(by_name.at("chord.ogg")["tags"]["year"] == 1987);
    CHECK(by_name.at("tone.mp3")["tags"]["year"] == 2003);
    CHECK(by_name.at("tone.flac")["tags"]["year"].is_null());

    SQLite::Database database((scratch / "t.db").string());
    CHECK(database.execAndGet("SELECT count(*) FROM tracks WHERE status = 'ok'").getInt() == 4);
    CHECK(database.execAndGet("SELECT count(*) FROM tracks WHERE status = 'failed'").getInt() == 9);
    CHECK(database.execAndGet("SELECT error FROM tracks WHERE path LIKE '%empty.wav'").getString() ==
          "decode: file is empty (0 bytes)");
    const int stored_per_track = 18;  // the outputs list of configs/features.yaml
    CHECK(database.execAndGet("SELECT count(*) FROM features").getInt() == 4 * stored_per_track);
    CHECK(database.execAndGet("SELECT tracks_failed FROM runs").getInt() == 9);

    const auto csv = test::read_text(scratch / "t.csv");
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 14);
    CHECK_THAT(csv, Catch::StartsWith("path,status,error,duration_s"));
    CHECK_THAT(csv, Catch::Contains("mfcc_stats.stats.mfcc0_mean"));
    CHECK_THAT(csv, Catch::Contains(",year,"));

    // The tags' year and genre are filters, as for playlists.
    const auto eighties =
        test::run_timbre({"tracks", "--db", (scratch / "t.db").string(), "--where", "year=1980..1989", "--json"});
    INFO(eighties.output);
    REQUIRE(eighties.exit_code == 0);
    CHECK_THAT(eighties.output, Catch::Contains("chord.ogg") && Catch::Contains("tråck.ogg") &&
                                    !Catch::Contains("tone.mp3") && !Catch::Contains("tone.flac"));
    const auto tagged = test::run_timbre({"tracks", "--db", (scratch / "t.db").string(), "--where", "tag=test"});
    INFO(tagged.output);
    CHECK_THAT(tagged.output, Catch::Contains("2 of 4 tracks"));
    const auto none = test::run_timbre(
        {"tracks", "--db", (scratch / "t.db").string(), "--where", "tag=test", "--where", "year!=1987"});
    INFO(none.output);
    CHECK_THAT(none.output, Catch::Contains("0 of 4 tracks"));
}

TEST_CASE("analyze with a bad config reports file:line:column and analyses nothing", "[cli]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "bad.yaml", "nodes:\n  - id: m\n    plugin: timbre.melspec\n    params: {bands: 0}\n"
                                           "    inputs: {audio: track.audio}\n");
    const auto result =
        test::run_timbre({"analyze", (scratch / "bad.yaml").string(), (test::fixtures / "library" / "good").string(),
                          "--db", (scratch / "t.db").string()});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.output, Catch::Contains((scratch / "bad.yaml").string() + ":4:21: error: parameter 'bands'"));
    CHECK_FALSE(std::filesystem::exists(scratch / "t.db"));
}

TEST_CASE("validate accepts the shipped config and lists what it stores", "[cli]") {
    const auto result = test::run_timbre({"validate", (test::source_dir / "configs" / "features.yaml").string()});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("valid, 15 nodes") && Catch::Contains("descriptors.descriptors") &&
                                  Catch::Contains("fluctuation.pattern"));
}

TEST_CASE("plugins lists the built-in plugins and describe prints parameters with ranges", "[cli]") {
    const auto list = test::run_timbre({"plugins"});
    CHECK(list.exit_code == 0);
    CHECK_THAT(list.output, Catch::Contains("timbre.melspec") && Catch::Contains("timbre.mfcc") &&
                                Catch::Contains("timbre.summary"));
    const auto describe = test::run_timbre({"plugins", "describe", "timbre.melspec"});
    CHECK(describe.exit_code == 0);
    CHECK_THAT(describe.output, Catch::Contains("bands") && Catch::Contains("[1, 512]"));
    const auto json = test::run_timbre({"plugins", "describe", "timbre.mfcc", "--json"});
    CHECK(nlohmann::json::parse(json.output)["params"][0]["name"] == "coefficients");
    const auto missing = test::run_timbre({"plugins", "describe", "timbre.nope"});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.output, Catch::Contains("no plugin with id 'timbre.nope'"));
}

TEST_CASE("plugins reports broken libraries found through TIMBRE_PLUGIN_PATH and lists the rest", "[cli]") {
    const auto result = test::run_timbre({"plugins"}, {"TIMBRE_PLUGIN_PATH=" + test::good_test_plugins.string() + ":" +
                                                       test::broken_test_plugins.string()});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("test.duration") && Catch::Contains("timbre.melspec"));
    CHECK_THAT(result.output, Catch::Contains("not loaded: " + (test::broken_test_plugins / "wrong_abi.so").string()));
}

TEST_CASE("analyze keeps a track whose header disagrees with its audio, and records the warning", "[cli]") {
    test::ScratchDirectory scratch;
    const auto result = test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                          (test::fixtures / "formats" / "overstated-length.mp3").string(), "--db",
                                          (scratch / "t.db").string(), "--out", (scratch / "t.jsonl").string()});
    INFO(result.output);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.output, Catch::Contains("overstated-length.mp3: decode: the MP3 header suggests") &&
                                  Catch::Contains("1 tracks: 1 ok (1 with warnings), 0 failed"));
    const auto lines = json_lines(scratch / "t.jsonl");
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["status"] == "ok");
    REQUIRE(lines[0]["warnings"].size() == 1);
    CHECK_THAT(lines[0]["warnings"][0].get<std::string>(), Catch::StartsWith("decode: the MP3 header suggests"));
    SQLite::Database database((scratch / "t.db").string());
    const auto stored = nlohmann::json::parse(database.execAndGet("SELECT warnings FROM tracks").getString());
    CHECK(stored == lines[0]["warnings"]);
    CHECK(database.execAndGet("SELECT duration_s FROM tracks").getDouble() == Approx(1.045).margin(0.002));
    const auto listed = test::run_timbre({"tracks", "--db", (scratch / "t.db").string(), "--json"});
    INFO(listed.output);
    REQUIRE(listed.exit_code == 0);
    CHECK(nlohmann::json::parse(listed.output)[0]["warnings"] == lines[0]["warnings"]);
}

TEST_CASE("the run summary and the track table line up names that are not ASCII", "[cli]") {
    test::ScratchDirectory scratch;
    const auto music = scratch / "music";
    std::filesystem::create_directories(music);
    const std::string accented = "Sigur Rós — Hoppípolla 東京";
    std::filesystem::copy_file(test::fixtures / "library" / "good" / "tone.flac", music / (accented + ".flac"));
    std::filesystem::copy_file(test::fixtures / "library" / "good" / "tone.flac", music / "plain name.flac");
    const auto analysed = test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                            music.string(), "--db", (scratch / "t.db").string()});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    const auto listed = test::run_timbre({"tracks", "--db", (scratch / "t.db").string()});
    INFO(listed.output);
    REQUIRE(listed.exit_code == 0);
    // Where the column after the name starts, in terminal columns, on the table row that names
    // `name` followed by `after` (the log's lines name the files too).
    const auto next_column = [](const std::string& output, const std::string& name, const std::string& after) {
        std::istringstream lines(output);
        for (std::string line; std::getline(lines, line);) {
            const auto at = line.find(name);
            const auto cell_end = at == std::string::npos ? at : line.find(after, at + name.size());
            if (cell_end != std::string::npos) {
                return host::terminal_width(line.substr(0, cell_end + 1));
            }
        }
        return std::size_t{0};
    };
    // The summary's track cell is 52 columns (the long path cut at its start), then the status.
    CHECK(next_column(analysed.output, "Hoppípolla 東京.flac", " ok ") == 53);
    CHECK(next_column(analysed.output, "plain name.flac", " ok ") == 53);
    // The table's name cell is 40 columns, then the genre ("-": features.yaml has no genre model).
    CHECK(next_column(listed.output, accented, " -") == 40);
    CHECK(next_column(listed.output, "plain name", " -") == 40);
}

TEST_CASE("a symbolic link loop fails as one, not as a broken link", "[cli]") {
    test::ScratchDirectory scratch;
    std::filesystem::create_directory(scratch / "music");
    std::filesystem::create_symlink("self.mp3", scratch / "music" / "self.mp3");
    std::filesystem::create_symlink("missing.mp3", scratch / "music" / "broken.mp3");
    const auto result = test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                          (scratch / "music").string(), "--db", (scratch / "t.db").string()});
    INFO(result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("self.mp3: read: symbolic link loop") &&
                                  Catch::Contains("broken.mp3: read: broken symbolic link"));
}

TEST_CASE("odd but valid inputs: silence, one sample, eight channels at 192 kHz, a folder named .mp3", "[cli]") {
    test::ScratchDirectory scratch;
    const auto result = test::run_timbre({"analyze", (test::source_dir / "configs" / "features.yaml").string(),
                                          (test::fixtures / "edge").string(), "--db", (scratch / "t.db").string(),
                                          "--out", (scratch / "t.jsonl").string()});
    INFO(result.output);
    CHECK(result.exit_code == 2);
    std::map<std::string, nlohmann::json> by_name;
    for (const auto& line : json_lines(scratch / "t.jsonl")) {
        by_name[std::filesystem::path(line["path"].get<std::string>()).filename().string()] = line;
    }
    REQUIRE(by_name.size() == 4);  // the folder named album.mp3 is walked, not taken as a track
    CHECK(by_name.at("inside.ogg")["status"] == "ok");
    const auto& silence = by_name.at("silence.wav");
    CHECK(silence["status"] == "ok");
    CHECK(silence["outputs"]["loudness.integrated"]["value"].is_null());  // not measurable, not -inf
    const auto& eight = by_name.at("eight-channels-192k.wav");
    CHECK(eight["status"] == "ok");
    CHECK(eight["channels"] == 8);
    CHECK(eight["source_rate_hz"] == 192000.0);
    CHECK(eight["duration_s"].get<double>() == Approx(1.0).margin(0.001));
    const auto& one = by_name.at("one-sample.wav");
    CHECK(one["status"] == "failed");
    CHECK_THAT(one["error"].get<std::string>(), Catch::Contains("too few frames"));
}

TEST_CASE("a file name that is not UTF-8 is analysed, kept byte for byte in the store, and readable as JSON",
          "[cli]") {
    // "café.wav" as an old Latin-1 disk names it: 0xE9, not UTF-8. JSON must be UTF-8, and
    // writing this name to the JSONL used to end the whole run before its first line.
    test::ScratchDirectory scratch;
    const std::string latin1 = "caf\xe9.wav";
    std::filesystem::create_directory(scratch / "music");
    std::filesystem::copy_file(test::fixtures / "formats" / "tone.wav", scratch / "music" / latin1);
    std::filesystem::copy_file(test::fixtures / "formats" / "tone.flac", scratch / "music" / "plain.flac");
    const std::vector<std::string> analyze{
        "analyze", (test::source_dir / "configs" / "features.yaml").string(), (scratch / "music").string(),
        "--db", (scratch / "t.db").string(), "--out", (scratch / "t.jsonl").string(), "--csv",
        (scratch / "t.csv").string()};
    const auto result = test::run_timbre(analyze);
    INFO(result.output);
    CHECK(result.exit_code == 0);
    const auto lines = json_lines(scratch / "t.jsonl");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["status"] == "ok");
    CHECK_THAT(lines[0]["path"].get<std::string>(), Catch::EndsWith("caf\xef\xbf\xbd.wav"));  // U+FFFD for the byte
    SQLite::Database database((scratch / "t.db").string());
    CHECK(database.execAndGet("SELECT count(*) FROM tracks WHERE status = 'ok' AND path LIKE '%caf_.wav'")
              .getInt() == 1);
    CHECK(database.execAndGet("SELECT instr(path, CAST(X'E9' AS TEXT)) > 0 FROM tracks WHERE path LIKE '%caf_.wav'")
              .getInt() == 1);
    CHECK_THAT(test::read_text(scratch / "t.csv"), Catch::Contains(latin1));
    const auto listed = test::run_timbre({"tracks", "--db", (scratch / "t.db").string(), "--json"});
    INFO(listed.output);
    CHECK(listed.exit_code == 0);
    CHECK(nlohmann::json::parse(listed.output).size() == 2);
    auto resumed = analyze;
    resumed.push_back("--resume");
    CHECK_THAT(test::run_timbre(resumed).output, Catch::Contains("0 ok, 0 failed, 2 skipped"));
}
