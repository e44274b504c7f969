// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre similar` and `timbre playlist` on the demo library (36 freely licensed tracks from
// Debian's game-music packages) analysed with configs/similarity.yaml: every strategy keeps
// its rules, exports read back with parsers that are not timbre's, and every impossible
// request is one clear sentence.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/command_run.hpp"
#include "support/demo_store.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
const std::string kStore = TIMBRE_DEMO_STORE;
const std::string kSeed = "hr-savino-caribbean";

// The playlist as JSON, through --out FILE.json.
nlohmann::json playlist(const test::ScratchDirectory& scratch, std::vector<std::string> arguments) {
    const auto out = (scratch / "list.json").string();
    arguments.insert(arguments.begin(), {"playlist", "--db", kStore});
    arguments.insert(arguments.end(), {"--out", out});
    const auto run = test::run_timbre(arguments);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return nlohmann::json::parse(test::read_text(out));
}

void check_rules(const nlohmann::json& list, std::size_t length, std::size_t artist_gap) {
    const auto& tracks = list.at("tracks");
    CHECK(tracks.size() == length);
    std::set<std::string> paths;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        CHECK(paths.insert(tracks[i].at("path").get<std::string>()).second);  // no track twice
        const std::string artist = tracks[i].at("artist");
        for (std::size_t k = i >= artist_gap ? i - artist_gap : 0; k < i && !artist.empty(); ++k) {
            CHECK(tracks[k].at("artist") != artist);
        }
        CHECK_FALSE(tracks[i].at("reasons").empty());
    }
}
}  // namespace

TEST_CASE("similar lists the nearest other tracks, nearest first, with reasons", "[cli][playlist]") {
    const auto run = test::run_timbre({"similar", "--db", kStore, kSeed, "-n", "5", "--json"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const auto json = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    const auto& similar = json.at("similar");
    REQUIRE(similar.size() == 5);
    for (std::size_t i = 0; i < similar.size(); ++i) {
        CHECK(similar[i].at("path").get<std::string>().find(kSeed) == std::string::npos);
        CHECK(similar[i].at("distance").get<double>() >= 0.0);
        CHECK(similar[i].at("distance").get<double>() <= 1.0);
        if (i > 0) {
            CHECK(similar[i].at("distance").get<double>() >= similar[i - 1].at("distance").get<double>());
        }
        CHECK_THAT(similar[i].at("reasons")[0].get<std::string>(), Catch::Contains("closeness by metric"));
    }
    const auto one_metric = test::run_timbre({"similar", "--db", kStore, kSeed, "--metric", "timbre"});
    INFO(one_metric.output);
    CHECK(one_metric.exit_code == 0);
    CHECK_THAT(one_metric.output, Catch::Contains("closeness by metric (1 = closest): timbre "));
}

TEST_CASE("similar answers several tracks, or every track, each as it answers that track alone", "[cli][playlist]") {
    const auto alone = [](const std::string& name) {
        const auto run = test::run_timbre({"similar", "--db", kStore, name, "-n", "3", "--json"});
        INFO(run.output);
        REQUIRE(run.exit_code == 0);
        return nlohmann::json::parse(run.output.substr(run.output.find('{')));
    };
    // The JSON Lines of a run: its lines that are objects (warnings go to the same output).
    const auto lines_of = [](const std::string& output) {
        std::vector<nlohmann::json> lines;
        std::istringstream text(output);
        for (std::string line; std::getline(text, line);) {
            if (line.starts_with("{")) {
                lines.push_back(nlohmann::json::parse(line));
            }
        }
        return lines;
    };
    const auto several = test::run_timbre({"similar", "--db", kStore, kSeed, "frontiers", "-n", "3", "--json"});
    INFO(several.output);
    REQUIRE(several.exit_code == 0);
    const auto answered = lines_of(several.output);
    REQUIRE(answered.size() == 2);
    CHECK(answered[0] == alone(kSeed));
    CHECK(answered[1] == alone("frontiers"));

    const auto every = test::run_timbre({"similar", "--db", kStore, "--all", "-n", "3", "--json"});
    REQUIRE(every.exit_code == 0);
    const auto all = lines_of(every.output);
    const auto listed = test::run_timbre({"tracks", "--db", kStore, "--json"});
    REQUIRE(listed.exit_code == 0);
    CHECK(all.size() == nlohmann::json::parse(listed.output.substr(listed.output.find('['))).size());
    std::set<std::string> asked;
    for (const auto& answer : all) {
        CHECK(answer.at("similar").size() == 3);
        asked.insert(answer.at("track").get<std::string>());
    }
    CHECK(asked.size() == all.size());
    const auto frontiers = std::find_if(all.begin(), all.end(), [](const auto& answer) {
        return answer.at("track").template get<std::string>().ends_with("frontiers.mp3");
    });
    REQUIRE(frontiers != all.end());
    CHECK(*frontiers == alone("frontiers"));

    const auto text = test::run_timbre({"similar", "--db", kStore, kSeed, "frontiers", "-n", "2"});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.output,
               Catch::Contains("nearest to Will Savino - Caribbean") && Catch::Contains("\n\nnearest to frontiers"));

    const auto misspelt = test::run_timbre({"similar", "--db", kStore, kSeed, "no such track at all", "--json"});
    CHECK(misspelt.exit_code == 1);
    CHECK_THAT(misspelt.output, Catch::Contains("track 'no such track at all' is not in"));
    CHECK(lines_of(misspelt.output).empty());
    const auto neither = test::run_timbre({"similar", "--db", kStore});
    CHECK(neither.exit_code == 1);
    CHECK_THAT(neither.output, Catch::Contains("name one or more tracks, or give --all"));
    CHECK(test::run_timbre({"similar", "--db", kStore, "--all", kSeed}).exit_code != 0);
}

TEST_CASE("similar --where answers with the nearest tracks that pass every rule, in the same order", "[cli][playlist]") {
    const auto json_after = [](const std::string& output, char opening) {
        return nlohmann::json::parse(output.substr(output.find(opening)));
    };
    const auto ruled = test::run_timbre({"tracks", "--db", kStore, "--where", "genre=electronic", "--where", "bpm>=100",
                                         "--json"});
    REQUIRE(ruled.exit_code == 0);
    std::set<std::string> passing;
    for (const auto& track : json_after(ruled.output, '[')) {
        passing.insert(track.at("path").get<std::string>());
    }
    REQUIRE(passing.size() > 4);
    REQUIRE(passing.size() < 30);  // the rules leave some tracks out

    const auto whole = test::run_timbre({"similar", "--db", kStore, kSeed, "-n", "35", "--json"});
    REQUIRE(whole.exit_code == 0);
    const auto unruled = json_after(whole.output, '{');
    std::vector<nlohmann::json> expected;
    for (const auto& neighbour : unruled.at("similar")) {
        if (passing.contains(neighbour.at("path").get<std::string>()) && expected.size() < 4) {
            expected.push_back(neighbour);
        }
    }
    // The rules before the track's name: each --where takes one rule, not the name after it.
    const auto answered = test::run_timbre({"similar", "--db", kStore, "--where", "genre=electronic", "--where",
                                            "bpm>=100", kSeed, "-n", "4", "--json"});
    INFO(answered.output);
    REQUIRE(answered.exit_code == 0);
    const auto similar = json_after(answered.output, '{').at("similar");
    REQUIRE(similar.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(similar[i].at("path") == expected[i].at("path"));
        CHECK(similar[i].at("distance").get<double>() == Approx(expected[i].at("distance").get<double>()));
    }

    const auto few = test::run_timbre({"similar", "--db", kStore, kSeed, "-n", "30", "--where", "genre=electronic",
                                       "--where", "bpm>=100", "--json"});
    REQUIRE(few.exit_code == 0);
    CHECK_THAT(few.output, Catch::Contains("only " + std::to_string(passing.size()) +
                                           " of the 36 tracks pass the rules, so fewer than the 30 asked for"));
    CHECK(json_after(few.output, '{').at("similar").size() <= passing.size());
    const auto none = test::run_timbre({"similar", "--db", kStore, kSeed, "--where", "genre=polka"});
    CHECK(none.exit_code == 1);
    CHECK_THAT(none.output,
               Catch::Contains("no track is left after --where genre=polka among the 36 tracks (genre here:"));
    const auto unreadable = test::run_timbre({"similar", "--db", kStore, kSeed, "--where", "bpm>>1"});
    CHECK(unreadable.exit_code == 1);
    CHECK_THAT(unreadable.output, Catch::Contains("rule 'bpm>>1'"));
}

// Every file beside the store (its similarity caches), by name, with its bytes.
std::map<std::string, std::string> files_beside(const std::string& store) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(store + ".similarity")) {
        files[entry.path().filename().string()] = test::read_text(entry.path());
    }
    return files;
}

TEST_CASE("similar and playlist answer for a file the store lacks: analysed for the query, or into the store with --add",
          "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch).string();
    const auto song = scratch / "a new song.wav";
    // Forty seconds of a demo track decoded to WAV: music the store has not analysed, in bytes of its own.
    const auto cut = test::run_command({"/usr/bin/ffmpeg", "-v", "error", "-ss", "20", "-t", "40", "-i",
                                        "/usr/share/games/asc/music/frontiers.mp3", song.string()});
    REQUIRE(cut.exit_code == 0);
    const auto track_count = [&] {
        const auto listed = test::run_timbre({"tracks", "--db", store, "--json"});
        REQUIRE(listed.exit_code == 0);
        return nlohmann::json::parse(listed.output.substr(listed.output.find('['))).size();
    };
    const std::size_t before = track_count();
    REQUIRE(test::run_timbre({"similar", "--db", store, kSeed}).exit_code == 0);  // the caches as the library makes them
    const auto caches = files_beside(store);
    const auto temporary = scratch / "tmp";
    // Left by a query killed two days ago, and by one running now.
    std::filesystem::create_directories(temporary / "timbre-visitors-abandoned" / "visitors.db.similarity");
    std::filesystem::last_write_time(temporary / "timbre-visitors-abandoned",
                                     std::filesystem::file_time_type::clock::now() - std::chrono::hours(48));
    std::filesystem::create_directory(temporary / "timbre-visitors-running");

    const auto visiting = test::run_timbre({"similar", "--db", store, song.string(), "-n", "3", "--json"},
                                           {"TMPDIR=" + temporary.string()});
    INFO(visiting.output);
    REQUIRE(visiting.exit_code == 0);
    CHECK_THAT(visiting.output, Catch::Contains("for this query alone, not added to"));
    auto answer = nlohmann::json::parse(visiting.output.substr(visiting.output.find("{\n")));
    CHECK(answer.at("track") == std::filesystem::canonical(song).string());
    CHECK(answer.at("in_library") == false);
    REQUIRE(answer.at("similar").size() == 3);
    bool whole_track_near = false;  // the cut's own track is among its three nearest
    for (const auto& neighbour : answer.at("similar")) {
        whole_track_near = whole_track_near || neighbour.at("path") == "/usr/share/games/asc/music/frontiers.mp3";
    }
    CHECK(whole_track_near);
    // The store and what is kept beside it are as they were; of the temporary folder's
    // visitors, the running query's alone is left.
    CHECK(track_count() == before);
    CHECK(files_beside(store) == caches);
    std::vector<std::string> left;
    for (const auto& entry : std::filesystem::directory_iterator(temporary)) {
        left.push_back(entry.path().filename().string());
    }
    CHECK(left == std::vector<std::string>{"timbre-visitors-running"});

    const auto listed = test::run_timbre({"playlist", "--db", store, "--seed", song.string(), "--length", "4"});
    INFO(listed.output);
    REQUIRE(listed.exit_code == 0);
    CHECK_THAT(listed.output, Catch::Contains("  1. a new song  (" + std::filesystem::canonical(song).string() + ")"));
    CHECK(track_count() == before);

    const auto added = test::run_timbre({"similar", "--db", store, song.string(), "--add", "-n", "3", "--json"});
    INFO(added.output);
    REQUIRE(added.exit_code == 0);
    CHECK_THAT(added.output, Catch::Contains("added "));
    CHECK(track_count() == before + 1);
    // A small library is compared exactly, so the visitor was compared as the added track is.
    answer["in_library"] = true;
    CHECK(nlohmann::json::parse(added.output.substr(added.output.find("{\n"))) == answer);

    // Asked again, the file is in the store: nothing is analysed and the answer is the same.
    const auto again = test::run_timbre({"similar", "--db", store, song.string(), "--add", "-n", "3", "--json"});
    REQUIRE(again.exit_code == 0);
    CHECK(nlohmann::json::parse(again.output.substr(again.output.find("{\n"))) == answer);
    CHECK_THAT(again.output, !Catch::Contains("added ") && !Catch::Contains("for this query"));

    const auto notes = scratch / "notes.mp3";
    std::ofstream(notes) << "not audio at all";
    for (const bool add : {false, true}) {
        std::vector<std::string> arguments{"playlist", "--db", store, "--seed", notes.string(), "--length", "5"};
        if (add) {
            arguments.push_back("--add");
        }
        const auto refused = test::run_timbre(arguments);
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.output, Catch::Contains("notes.mp3") && Catch::Contains("its analysis failed"));
        CHECK(track_count() == before + 1);
    }
}

TEST_CASE("every strategy keeps length, artist gap and no repeats, deterministically", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    for (const char* strategy : {"nearest", "smooth", "arc", "diverse"}) {
        INFO(strategy);
        const auto list = playlist(scratch, {"--seed", kSeed, "--strategy", strategy, "--length", "8", "--artist-gap", "2"});
        check_rules(list, 8, 2);
        CHECK_THAT(list.at("tracks")[0].at("path").get<std::string>(), Catch::Contains(kSeed));
        CHECK(playlist(scratch, {"--seed", kSeed, "--strategy", strategy, "--length", "8", "--artist-gap", "2"}) == list);
    }
    const auto path = playlist(scratch, {"--seed", kSeed, "--to", "machine_wars", "--strategy", "path", "--length", "6",
                                         "--artist-gap", "1"});
    check_rules(path, 6, 1);
    CHECK_THAT(path.at("tracks")[0].at("path").get<std::string>(), Catch::Contains(kSeed));
    CHECK_THAT(path.at("tracks")[5].at("path").get<std::string>(), Catch::Contains("machine_wars"));
    // Diversity 0 gives the nearest list's tracks; 1 trades relevance for variety and differs.
    const auto paths = [](const nlohmann::json& list) {
        std::vector<std::string> listed;
        for (const auto& track : list.at("tracks")) {
            listed.push_back(track.at("path"));
        }
        return listed;
    };
    const auto nearest = paths(playlist(scratch, {"--seed", kSeed, "--length", "8", "--artist-gap", "2"}));
    CHECK(paths(playlist(scratch, {"--seed", kSeed, "--strategy", "diverse", "--diversity", "0", "--length", "8",
                                   "--artist-gap", "2"})) == nearest);
    CHECK(paths(playlist(scratch, {"--seed", kSeed, "--strategy", "diverse", "--diversity", "1", "--length", "8",
                                   "--artist-gap", "2"})) != nearest);
    const auto drawn = playlist(scratch, {"--strategy", "nearest", "--length", "5", "--random-seed", "7"});
    CHECK(drawn == playlist(scratch, {"--strategy", "nearest", "--length", "5", "--random-seed", "7"}));
}

TEST_CASE("filters hold on every track, and the arc rises then falls in energy", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const auto in_range = playlist(scratch, {"--strategy", "smooth", "--where", "bpm=100..140", "--length", "5",
                                             "--random-seed", "3"});
    for (const auto& track : in_range.at("tracks")) {
        CHECK(track.at("bpm").get<double>() >= 100.0);
        CHECK(track.at("bpm").get<double>() <= 140.0);
    }
    const auto genre = in_range.at("tracks")[0].at("labels").at("genre").get<std::string>();
    const auto same_genre = playlist(scratch, {"--where", "genre=" + genre, "--length", "4", "--artist-gap", "0"});
    for (const auto& track : same_genre.at("tracks")) {
        CHECK(track.at("labels").at("genre") == genre);
    }
    const auto arc = playlist(scratch, {"--strategy", "arc", "--length", "9", "--artist-gap", "0", "--random-seed", "2"});
    const auto& tracks = arc.at("tracks");
    double peak = 0.0;
    for (std::size_t i = 3; i < 6; ++i) {
        peak = std::max(peak, tracks[i].at("energy").get<double>());
    }
    CHECK(peak > tracks[8].at("energy").get<double>());
    CHECK(peak > tracks[1].at("energy").get<double>());
}

TEST_CASE("M3U8 and XSPF exports read back: EXTINF per track, XSPF through Python's xml parser", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const auto m3u = test::run_timbre({"playlist", "--db", kStore, "--seed", kSeed, "--length", "6", "--out",
                                       (scratch / "list.m3u8").string(), "--relative-to", "/usr/share"});
    INFO(m3u.output);
    REQUIRE(m3u.exit_code == 0);
    std::istringstream lines(test::read_text(scratch / "list.m3u8"));
    std::string line;
    std::getline(lines, line);
    CHECK(line == "#EXTM3U");
    int entries = 0;
    while (std::getline(lines, line)) {
        if (line.starts_with("#EXTINF:")) {
            ++entries;
            std::getline(lines, line);
            CHECK(std::filesystem::exists(std::filesystem::path("/usr/share") / line));
            CHECK_FALSE(line.starts_with("/"));
        }
    }
    CHECK(entries == 6);

    const auto xspf = test::run_timbre({"playlist", "--db", kStore, "--seed", kSeed, "--length", "6", "--out",
                                        (scratch / "list.xspf").string()});
    REQUIRE(xspf.exit_code == 0);
    const auto parsed = test::run_command(
        {"/usr/bin/python3", "-c",
         "import sys, os, urllib.parse, xml.etree.ElementTree as ET\n"
         "ns = {'x': 'http://xspf.org/ns/0/'}\n"
         "tracks = ET.parse(sys.argv[1]).getroot().findall('x:trackList/x:track', ns)\n"
         "paths = [urllib.parse.unquote(urllib.parse.urlparse(t.find('x:location', ns).text).path) for t in tracks]\n"
         "print(len(tracks), all(os.path.exists(p) for p in paths))\n",
         (scratch / "list.xspf").string()});
    INFO(parsed.output);
    CHECK(parsed.output == "6 True\n");
}

TEST_CASE("impossible requests are one clear sentence and exit 1", "[cli][playlist]") {
    const auto no_genre = test::run_timbre({"playlist", "--db", kStore, "--where", "genre=polka"});
    CHECK(no_genre.exit_code == 1);
    CHECK_THAT(no_genre.output, Catch::Contains("no track is left after --where genre=polka") &&
                                    Catch::Contains("(genre here: ") && Catch::Contains("electronic "));
    const auto too_fast = test::run_timbre({"playlist", "--db", kStore, "--where", "bpm=400.."});
    CHECK_THAT(too_fast.output, Catch::Matches(".*bpm here: [0-9.]+ to [0-9.]+\\)\n?", Catch::CaseSensitive::Yes));
    const auto too_energetic = test::run_timbre({"playlist", "--db", kStore, "--where", "energy=2.."});
    CHECK_THAT(too_energetic.output, Catch::Matches(".*energy here: 0\\.[0-9]+ to 0\\.[0-9]+\\)\n?"));
    const auto unknown = test::run_timbre({"similar", "--db", kStore, "hr-savino-caribean"});
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.output, Catch::Contains("is not in") && Catch::Contains("did you mean"));
    for (const char* loose : {"will savino caribbean", "Will_Savino-Caribbean", "savino caribbean"}) {
        const auto found = test::run_timbre({"similar", "--db", kStore, loose, "-n", "1"});
        INFO(loose << ": " << found.output);
        CHECK(found.exit_code == 0);
    }
    const auto ambiguous = test::run_timbre({"similar", "--db", kStore, "savino"});
    CHECK(ambiguous.exit_code == 1);
    CHECK_THAT(ambiguous.output, Catch::Contains("matches") && Catch::Contains("say more of the path"));
    const auto no_destination = test::run_timbre({"playlist", "--db", kStore, "--seed", kSeed, "--strategy", "path"});
    CHECK_THAT(no_destination.output, Catch::Contains("--strategy path goes from one --seed to a destination"));
    const auto bad_metric = test::run_timbre({"similar", "--db", kStore, kSeed, "--metric", "loudness"});
    CHECK_THAT(bad_metric.output, Catch::Contains("no signatures of that metric (it has: learned_genre, learned_mood, musical, pooled_genre, stats, timbre, triplet_mood)"));
    const auto no_store = test::run_timbre({"similar", "--db", "/nonexistent/x.db", kSeed});
    CHECK_THAT(no_store.output, Catch::Contains("does not exist"));
}

TEST_CASE("the reading commands given a PostgreSQL server name the merge that makes their SQLite store",
          "[cli][playlist]") {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"similar", kSeed}, {"playlist", "--seed", kSeed}, {"playlists"}, {"tracks"}, {"serve"}}) {
        std::vector<std::string> arguments = command;
        arguments.insert(arguments.begin() + 1, {"--db", "postgresql://me:secret@dbhost/music"});
        const auto run = test::run_timbre(arguments);
        INFO(command.front() << ": " << run.output);
        CHECK(run.exit_code != 0);
        CHECK_THAT(run.output, Catch::Contains("is a PostgreSQL server") &&
                                   Catch::Contains("`timbre merge library.db postgresql://me@dbhost/music`"));
        CHECK_THAT(run.output, !Catch::Contains("secret"));
    }
}

TEST_CASE("a store analysed without similarity nodes says which config makes signatures", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "plain.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                                             "  - {id: stats, plugin: timbre.summary, inputs: {frames: mel.mel}}\n");
    const auto analysed = test::run_timbre({"analyze", (scratch / "plain.yaml").string(),
                                            (test::fixtures / "clicks").string(), "--db",
                                            (scratch / "plain.db").string()});
    REQUIRE(analysed.exit_code == 0);
    const auto run = test::run_timbre({"similar", "--db", (scratch / "plain.db").string(), "click_60"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.output, Catch::Contains("no similarity signatures") && Catch::Contains("configs/similarity.yaml"));
}

TEST_CASE("playlists cuts the library into named playlists that hold every track once", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const auto run = test::run_timbre({"playlists", "--db", kStore, "--count", "4", "--out-dir",
                                       (scratch / "auto").string(), "--format", "json"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    std::multiset<std::string> paths;
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(scratch / "auto")) {
        ++files;
        const auto list = nlohmann::json::parse(test::read_text(entry.path()));
        CHECK_FALSE(list.at("title").get<std::string>().empty());
        CHECK_FALSE(list.at("tracks").empty());
        for (const auto& track : list.at("tracks")) {
            paths.insert(track.at("path").get<std::string>());
        }
    }
    CHECK(files == 4);
    CHECK(paths.size() == 36);
    CHECK(std::set<std::string>(paths.begin(), paths.end()).size() == 36);
    // Under rules, the tracks that pass them, each once.
    const auto ruled = test::run_timbre({"playlists", "--db", kStore, "--count", "3", "--where", "genre=electronic",
                                         "--out-dir", (scratch / "electronic").string(), "--format", "json"});
    INFO(ruled.output);
    REQUIRE(ruled.exit_code == 0);
    const auto electronic = test::run_timbre({"tracks", "--db", kStore, "--where", "genre=electronic", "--json"});
    REQUIRE(electronic.exit_code == 0);
    std::set<std::string> passing;
    for (const auto& track : nlohmann::json::parse(electronic.output.substr(electronic.output.find('[')))) {
        passing.insert(track.at("path").get<std::string>());
    }
    REQUIRE(passing.size() < 36);
    std::multiset<std::string> cut;
    for (const auto& entry : std::filesystem::directory_iterator(scratch / "electronic")) {
        const auto list = nlohmann::json::parse(test::read_text(entry.path()));
        for (const auto& track : list.at("tracks")) {
            cut.insert(track.at("path").get<std::string>());
        }
    }
    CHECK(std::set<std::string>(cut.begin(), cut.end()) == passing);
    CHECK(cut.size() == passing.size());
    const auto too_many = test::run_timbre({"playlists", "--db", kStore, "--count", "40", "--out-dir",
                                            (scratch / "x").string()});
    CHECK(too_many.exit_code == 1);
    CHECK_THAT(too_many.output, Catch::Contains("cannot make 40 playlists from 36 tracks"));
}

TEST_CASE("a library analysed for similarity alone: neighbours, and playlists each named its own way",
          "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const std::string store = (scratch / "fast.db").string();
    const auto analysed = test::run_timbre({"analyze", (test::source_dir / "configs/similarity-fast.yaml").string(),
                                            "/usr/share/games/singularity/music", "/usr/share/hyperrogue/music",
                                            "/usr/share/games/asc/music", "--db", store, "-j", "2"});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    const auto similar = test::run_timbre({"similar", "--db", store, kSeed, "-n", "3"});
    CHECK(similar.exit_code == 0);
    CHECK_THAT(similar.output, Catch::Contains("closeness by metric (1 = closest): timbre"));
    const auto run = test::run_timbre(
        {"playlists", "--db", store, "--count", "5", "--out-dir", (scratch / "auto").string(), "--format", "json"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    std::set<std::string> titles;
    std::size_t files = 0, tracks = 0;
    for (const auto& entry : std::filesystem::directory_iterator(scratch / "auto")) {
        ++files;
        const auto list = nlohmann::json::parse(test::read_text(entry.path()));
        const auto title = list.at("title").get<std::string>();
        // No genre, mood or tempo was stored: a name is the files' shared genre tag or the central track.
        CHECK((title == "Game" || title.rfind("like ", 0) == 0 || title.rfind("Game, like ", 0) == 0));
        titles.insert(title);
        tracks += list.at("tracks").size();
    }
    CHECK(files == 5);
    CHECK(titles.size() == 5);
    CHECK(tracks == 36);
}

TEST_CASE("tracks lists the library with genre, mood in words, tempo and key, filtered", "[cli][playlist]") {
    const auto all = test::run_timbre({"tracks", "--db", kStore});
    INFO(all.output);
    REQUIRE(all.exit_code == 0);
    CHECK_THAT(all.output, Catch::StartsWith("track") && Catch::Contains("36 of 36 tracks"));
    std::istringstream lines(all.output);
    std::string line;
    std::getline(lines, line);
    std::size_t answered = 0;
    while (std::getline(lines, line) && !line.ends_with(" tracks")) {
        // The genre column, after the 40 characters of the track's name: "jazz 60%".
        const std::string genre = line.substr(40, 16);
        answered += std::regex_search(genre, std::regex(R"(^[a-z&-]+ \d{1,3}% *$)"));
    }
    CHECK(answered == 36);
    const auto calm = test::run_timbre({"tracks", "--db", kStore, "--where", "mood=calm", "--json"});
    REQUIRE(calm.exit_code == 0);
    const auto listed = nlohmann::json::parse(calm.output.substr(calm.output.find('[')));
    REQUIRE_FALSE(listed.empty());
    CHECK(listed.size() < 36);
    for (const auto& track : listed) {
        CHECK(track.at("labels").at("mood") == "calm / relaxed");
        const double probability = track.at("label_probabilities").at("mood");
        CHECK(probability > 0.25);  // the top of four moods
        CHECK(probability <= 1.0);
        CHECK(track.contains("bpm"));
    }
}

TEST_CASE("a metric whose included config changed since analysis is refused, from any working folder",
          "[cli][playlist]") {
    // The store keeps the analysed config's text, but what it includes is read again.
    test::ScratchDirectory scratch;
    const std::string nodes = "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                              "  - {id: mfcc, plugin: timbre.mfcc, inputs: {mel: mel.mel}}\n"
                              "  - {id: timbre, plugin: timbre.gaussian_similarity, inputs: {mfcc: mfcc.mfcc}";
    test::write_text(scratch / "metrics.yaml", nodes + "}\n");
    test::write_text(scratch / "sim.yaml", "include: metrics.yaml\noutputs: [timbre.signature]\n");
    const auto analysed = test::run_timbre({"analyze", (scratch / "sim.yaml").string(),
                                            (test::fixtures / "clicks").string(), "--db", (scratch / "s.db").string()});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    // From another folder: the store recorded the config's absolute path, so the include resolves.
    const auto same = test::run_command({"/bin/sh", "-c", "cd / && '" + test::timbre_binary.string() + "' similar --db '" +
                                                              (scratch / "s.db").string() + "' click_60 -n 2"});
    INFO(same.output);
    CHECK(same.exit_code == 0);
    test::write_text(scratch / "metrics.yaml", nodes + ", params: {divergence: symmetric_kl}}\n");
    const auto changed = test::run_timbre({"similar", "--db", (scratch / "s.db").string(), "click_60"});
    CHECK(changed.exit_code == 1);
    CHECK_THAT(changed.output, Catch::Contains("similarity node 'timbre'") && Catch::Contains("analyse the library again"));
}

TEST_CASE("a seed whose analysis failed says why, and a duration target decides the length", "[cli][playlist]") {
    test::ScratchDirectory scratch;
    test::write_text(scratch / "sim.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                                           "  - {id: stats, plugin: timbre.summary, inputs: {frames: mel.mel}}\n"
                                           "  - {id: sound, plugin: timbre.vector_similarity, inputs: {features: stats.stats}}\n");
    test::run_timbre({"analyze", (scratch / "sim.yaml").string(), (test::fixtures / "library").string(), "--db",
                      (scratch / "s.db").string()});
    const auto failed = test::run_timbre({"playlist", "--db", (scratch / "s.db").string(), "--seed", "corrupt.mp3"});
    CHECK(failed.exit_code == 1);
    CHECK_THAT(failed.output, Catch::Contains("track 'corrupt.mp3': its analysis failed (") &&
                                  Catch::Contains("it has no similarity"));

    const auto hour = playlist(scratch, {"--strategy", "nearest", "--minutes", "30", "--artist-gap", "0"});
    double seconds = 0.0;
    for (const auto& track : hour.at("tracks")) {
        seconds += track.at("duration_s").get<double>();
    }
    CHECK(seconds >= 30 * 60.0);
    CHECK(seconds - hour.at("tracks").back().at("duration_s").get<double>() < 30 * 60.0);  // stops at the first track past it
}

TEST_CASE("a clip too short for the Gaussian keeps genre and mood and says why it is not in similarity",
          "[cli][playlist]") {
    test::ScratchDirectory scratch;
    const auto analysed = test::run_timbre({"analyze", (test::source_dir / "configs" / "similarity.yaml").string(),
                                            (test::fixtures / "formats" / "short-clip.wav").string(),
                                            (test::fixtures / "library" / "good").string(), "--db",
                                            (scratch / "s.db").string()});
    INFO(analysed.output);
    CHECK(analysed.exit_code == 0);
    CHECK_THAT(analysed.output, Catch::Contains("optional node 'timbre' skipped") &&
                                    Catch::Contains("4 tracks: 4 ok, 0 failed"));
    const auto listed = test::run_timbre({"tracks", "--db", (scratch / "s.db").string(), "--json"});
    REQUIRE(listed.exit_code == 0);
    bool labelled = false;
    for (const auto& track : nlohmann::json::parse(listed.output)) {
        if (track.at("path").get<std::string>().ends_with("short-clip.wav")) {
            labelled = track.at("labels").contains("genre") && track.at("labels").contains("mood");
        }
    }
    CHECK(labelled);
    const auto similar = test::run_timbre({"similar", "--db", (scratch / "s.db").string(), "short-clip"});
    CHECK(similar.exit_code == 1);
    CHECK_THAT(similar.output, Catch::Contains("has no signature of metric 'timbre'") &&
                                   Catch::Contains("skipped on it"));
}

TEST_CASE("tracks named in bytes that are not UTF-8, with '#' or a control character: every export reads back",
          "[cli][playlist]") {
    // 0xE9 is "é" on an old Latin-1 disk: not UTF-8, which JSON and XML must be. A name that
    // starts with '#' would read as a comment in an M3U8 of relative paths. XML cannot hold the
    // BEL in one track's title tag, and its line break would end an M3U line.
    test::ScratchDirectory scratch;
    const std::string latin1 = "caf\xe9";
    std::filesystem::create_directory(scratch / "music");
    std::filesystem::copy_file(test::fixtures / "formats" / "tone.wav", scratch / "music" / (latin1 + ".wav"));
    std::filesystem::copy_file(test::fixtures / "ten" / "track04.wav", scratch / "music" / "#1 hit.wav");
    std::filesystem::copy_file(test::fixtures / "formats" / "control-title.ogg", scratch / "music" / "bell.ogg");
    for (const char* name : {"track01.wav", "track02.wav", "track03.wav"}) {
        std::filesystem::copy_file(test::fixtures / "ten" / name, scratch / "music" / name);
    }
    test::write_text(scratch / "sim.yaml", "nodes:\n  - {id: mel, plugin: timbre.melspec, inputs: {audio: track.audio}}\n"
                                           "  - {id: stats, plugin: timbre.summary, inputs: {frames: mel.mel}}\n"
                                           "  - {id: sound, plugin: timbre.vector_similarity, inputs: {features: stats.stats}}\n");
    const std::string store = (scratch / "s.db").string();
    REQUIRE(test::run_timbre({"analyze", (scratch / "sim.yaml").string(), (scratch / "music").string(), "--db", store})
                .exit_code == 0);
    const auto similar = test::run_timbre({"similar", "--db", store, latin1, "--json"});
    INFO(similar.output);
    REQUIRE(similar.exit_code == 0);
    CHECK(nlohmann::json::parse(similar.output).at("similar").size() == 5);
    for (const char* format : {"m3u8", "xspf"}) {
        const auto out = (scratch / (std::string("list.") + format)).string();
        const auto made = test::run_timbre(
            {"playlist", "--db", store, "--seed", latin1, "--length", "6", "--artist-gap", "0", "--out", out});
        INFO(made.output);
        REQUIRE(made.exit_code == 0);
    }
    // The M3U8 names the file by its own bytes, so a player opens it.
    CHECK_THAT(test::read_text(scratch / "list.m3u8"),
               Catch::Contains((scratch / "music" / (latin1 + ".wav")).string()));
    const auto relative = test::run_timbre({"playlist", "--db", store, "--seed", latin1, "--length", "6", "--out",
                                            (scratch / "relative.m3u8").string(), "--relative-to",
                                            (scratch / "music").string(), "--artist-gap", "0", "--title",
                                            "mix\nof the week"});
    REQUIRE(relative.exit_code == 0);
    std::istringstream lines(test::read_text(scratch / "relative.m3u8"));
    int listed = 0, found = 0;
    for (std::string line; std::getline(lines, line);) {
        listed += !line.starts_with('#');
        found += !line.starts_with('#') && std::filesystem::exists(scratch / "music" / line);
    }
    CHECK(listed == 6);  // neither the tag's nor the playlist title's line break made a line of its own
    CHECK(found == 6);
    const auto parsed = test::run_command(
        {"/usr/bin/python3", "-c",
         "import sys, os, urllib.parse, xml.etree.ElementTree as ET\n"
         "ns = {'x': 'http://xspf.org/ns/0/'}\n"
         "tracks = ET.parse(sys.argv[1]).getroot().findall('x:trackList/x:track', ns)\n"
         "paths = [urllib.parse.unquote_to_bytes(urllib.parse.urlparse(t.find('x:location', ns).text).path) for t in tracks]\n"
         "print(len(tracks), all(os.path.exists(p) for p in paths))\n",
         (scratch / "list.xspf").string()});
    INFO(parsed.output);
    CHECK(parsed.output == "6 True\n");  // the track whose title holds a BEL among them
}
