// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre serve` over HTTP on a copy of the demo store: the JSON API answers what the engine
// knows (tracks, one track's neighbours, a sent file's, playlists of every strategy, exports, the map), audio
// streams by track id with range requests and nothing else of the file system is reachable,
// the page and the OpenAPI description are served, a server reachable from other machines
// needs a token, and a client asking faster than the rate limit is told to wait.
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <map>
#include <csignal>
#include <chrono>
#include <regex>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/command_run.hpp"
#include "support/demo_store.hpp"
#include "support/test_paths.hpp"
#include "web/visitor_request.hpp"

using namespace timbre;

namespace {

// A `timbre serve` of its own store copy, stopped when the test ends.
class RunningServer {
public:
    explicit RunningServer(std::vector<std::string> extra = {}) {
        std::vector<std::string> argv{test::timbre_binary.string(), "serve", "--db", store_.string(), "--port", "0"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        pid_ = test::start_command(argv, scratch_ / "serve.log");
        const std::regex listening(R"(on http://[^:]+:(\d+)/)");
        for (int attempt = 0; attempt < 600 && port_ == 0; ++attempt) {
            std::smatch found;
            const std::string log = test::read_text(scratch_ / "serve.log");
            if (std::regex_search(log, found, listening)) {
                port_ = std::stoi(found[1].str());
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        INFO(test::read_text(scratch_ / "serve.log"));
        REQUIRE(port_ > 0);
    }
    ~RunningServer() {
        ::kill(pid_, SIGTERM);
        test::wait_command(pid_);
    }
    httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }
    int port() const { return port_; }
    const test::ScratchDirectory& scratch() const { return scratch_; }
    const std::filesystem::path& store() const { return store_; }

private:
    test::ScratchDirectory scratch_;
    std::filesystem::path store_ = test::copy_of_demo_store(scratch_);
    int pid_ = 0;
    int port_ = 0;
};

nlohmann::json get_json(httplib::Client& client, const std::string& path, int status = 200) {
    const auto response = client.Get(path);
    REQUIRE(response);
    INFO(path << ": " << response->body);
    REQUIRE(response->status == status);
    return nlohmann::json::parse(response->body);
}

// The analysis job's status once it no longer runs (or after two minutes).
nlohmann::json analysis_when_ended(httplib::Client& client) {
    nlohmann::json status;
    for (int second = 0; second < 120; ++second) {
        status = get_json(client, "/api/analysis");
        if (status.at("state") != "running") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    return status;
}

// Sends `head` then `body` to the server on a connection of its own, and returns the socket,
// open: the server waits for the rest of the request until it is closed.
int send_partly(int port, const std::string& head, const std::string& body) {
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(socket >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    for (const std::string* part : {&head, &body}) {
        REQUIRE(::send(socket, part->data(), part->size(), MSG_NOSIGNAL) == static_cast<ssize_t>(part->size()));
    }
    return socket;
}

// The same, closed at once without reading an answer: a request cut off mid-body, as a dropped
// connection leaves it.
void send_cut_off(int port, const std::string& head, const std::string& body) {
    ::close(send_partly(port, head, body));
}

// POSTs `body` as the bytes of a file (an upload, a file to compare) and requires `status`.
nlohmann::json post_file(httplib::Client& client, const std::string& path, const std::string& body, int status) {
    const auto response = client.Post(path, body, "application/octet-stream");
    REQUIRE(response);
    INFO(path << ": " << response->body);
    REQUIRE(response->status == status);
    return nlohmann::json::parse(response->body);
}

nlohmann::json post_json(httplib::Client& client, const std::string& path, const nlohmann::json& body, int status = 200) {
    const auto response = client.Post(path, body.dump(), "application/json");
    REQUIRE(response);
    INFO(path << ": " << response->body);
    REQUIRE(response->status == status);
    return nlohmann::json::parse(response->body);
}
}  // namespace

TEST_CASE("the API lists, searches and filters the library, and explains a track's neighbours", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto health = get_json(client, "/api/health");
    CHECK(health.at("tracks") == 36);
    CHECK(health.at("with_similarity") == 36);
    std::map<std::string, std::string> uses;  // node -> what its model's training data allows
    for (const auto& model : health.at("models")) {
        uses[model.at("node").get<std::string>()] = model.at("use").get<std::string>();
    }
    CHECK(uses["genre_trees"] == "non-commercial");
    CHECK(uses["mood_cnn"] == "research-only");
    const auto page = get_json(client, "/api/tracks?limit=10&offset=5");
    CHECK(page.at("total") == 36);
    CHECK(page.at("tracks").size() == 10);
    const auto savino = get_json(client, "/api/tracks?q=SAVINO");
    REQUIRE(savino.at("total").get<int>() >= 3);
    for (const auto& track : savino.at("tracks")) {
        CHECK_THAT(track.at("artist").get<std::string>(), Catch::Contains("Savino"));
    }
    const auto fast = get_json(client, "/api/tracks?where=bpm%3D120..200&limit=500");  // as a browser encodes it
    for (const auto& track : fast.at("tracks")) {
        CHECK(track.at("bpm").get<double>() >= 120.0);
    }
    CHECK(fast.at("total").get<int>() < 36);
    CHECK_THAT(get_json(client, "/api/tracks?where=tempo~fast", 400).at("error").get<std::string>(),
               Catch::Contains("tempo~fast"));
    CHECK_THAT(get_json(client, "/api/tracks?limit=lots", 400).at("error").get<std::string>(), Catch::Contains("limit"));

    const std::int64_t id = savino.at("tracks")[0].at("id");
    const auto track = get_json(client, "/api/tracks/" + std::to_string(id) + "?similar=5");
    CHECK(track.at("id") == id);
    CHECK(track.at("warnings") == nlohmann::json::array());  // the demo's files decode as declared
    REQUIRE(track.at("similar").size() == 5);
    for (const auto& near : track.at("similar")) {
        CHECK(near.at("id") != id);
        CHECK_THAT(near.at("reasons")[0].get<std::string>(), Catch::Contains("closeness by metric"));
    }
    // Neighbours under rules: the nearest of those that pass, in the order of the unruled list.
    const auto unruled = get_json(client, "/api/tracks/" + std::to_string(id) + "?similar=35");
    std::vector<std::int64_t> nearest_fast;
    for (const auto& near : unruled.at("similar")) {
        if (near.at("bpm").is_number() && near.at("bpm").get<double>() >= 120.0 && nearest_fast.size() < 3) {
            nearest_fast.push_back(near.at("id"));
        }
    }
    const auto ruled = get_json(client, "/api/tracks/" + std::to_string(id) + "?similar=3&where=bpm%3E%3D120");
    REQUIRE(ruled.at("similar").size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(ruled.at("similar")[i].at("id") == nearest_fast[i]);
    }
    CHECK_THAT(get_json(client, "/api/tracks/" + std::to_string(id) + "?where=genre%3Dpolka", 400)
                   .at("error")
                   .get<std::string>(),
               Catch::Contains("no track is left after --where genre=polka"));
    CHECK_THAT(get_json(client, "/api/tracks/987654321", 404).at("error").get<std::string>(),
               Catch::Contains("no track 987654321"));
    CHECK(get_json(client, "/api/nothing", 404).at("error") == "no such endpoint: GET /api/nothing");
}

TEST_CASE("tracks are alike in sound or in mood, as each request chooses", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    CHECK(get_json(client, "/api/health").at("alike_in") == nlohmann::json{"sound", "mood"});
    const std::int64_t id = get_json(client, "/api/tracks?limit=1").at("tracks")[0].at("id");
    const std::string one = "/api/tracks/" + std::to_string(id) + "?similar=35";
    // Each says which metrics made its neighbours close: the mix of the config, or the mood metric alone.
    const auto closeness = [](const nlohmann::json& track) {
        std::vector<std::pair<std::int64_t, std::string>> found;
        for (const auto& near : track.at("similar")) {
            found.emplace_back(near.at("id").get<std::int64_t>(), near.at("reasons")[0].get<std::string>());
        }
        return found;
    };
    const auto sound = closeness(get_json(client, one));
    const auto mood = closeness(get_json(client, one + "&by=mood"));
    REQUIRE(sound.size() == 35);
    REQUIRE(mood.size() == 35);
    CHECK(std::all_of(sound.begin(), sound.end(),
                      [](const auto& n) { return n.second.find("timbre ") != std::string::npos; }));
    CHECK(std::all_of(mood.begin(), mood.end(), [](const auto& n) {
        return n.second.find("triplet_mood") != std::string::npos && n.second.find("timbre ") == std::string::npos;
    }));
    std::vector<std::int64_t> sound_order, mood_order;
    for (std::size_t i = 0; i < sound.size(); ++i) {
        sound_order.push_back(sound[i].first);
        mood_order.push_back(mood[i].first);
    }
    CHECK(sound_order != mood_order);
    const auto list = post_json(client, "/api/playlist", {{"seeds", {id}}, {"length", 5}, {"by", "mood"}});
    CHECK_THAT(list.at("title").get<std::string>(), Catch::StartsWith("nearest playlist alike in mood from"));
    REQUIRE(list.at("tracks").size() == 5);
    CHECK_THAT(list.at("tracks")[1].at("reasons")[1].get<std::string>(), Catch::Contains("triplet_mood"));
    CHECK(get_json(client, one + "&by=colour", 400).at("error") == "'by' must be sound or mood, got 'colour'");
    CHECK(post_json(client, "/api/playlist", {{"seeds", {id}}, {"by", 2}}, 400).at("error") ==
          "field 'by' must be a string, got 2");

    RunningServer without({"--mood-metric", ""});
    auto other = without.client();
    CHECK(get_json(other, "/api/health").at("alike_in") == nlohmann::json{"sound"});
    CHECK_THAT(get_json(other, one + "&by=mood", 400).at("error").get<std::string>(),
               Catch::Contains("no mood similarity"));
    RunningServer misnamed({"--mood-metric", "mood_trplet"});
    auto third = misnamed.client();
    CHECK(get_json(third, "/api/health").at("alike_in") == nlohmann::json{"sound"});
    CHECK_THAT(test::read_text(misnamed.scratch() / "serve.log"), Catch::Contains("mood_trplet"));
}

TEST_CASE("playlists of every strategy, exports, and the listener's own order over the API", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto tracks = get_json(client, "/api/tracks?limit=500").at("tracks");
    const std::int64_t seed = tracks[0].at("id"), destination = tracks[20].at("id");
    for (const char* strategy : {"nearest", "smooth", "arc", "diverse", "path"}) {
        INFO(strategy);
        nlohmann::json request{{"seeds", {seed}}, {"strategy", strategy}, {"length", 8}};
        if (std::string(strategy) == "path") {
            request["to"] = destination;
        }
        const auto list = post_json(client, "/api/playlist", request);
        CHECK(list.at("tracks").size() == 8);
        CHECK(list.at("tracks")[0].at("id") == seed);
        CHECK_FALSE(list.at("tracks")[1].at("reasons").empty());
    }
    const auto impossible = post_json(client, "/api/playlist", {{"seeds", {seed}}, {"where", {"bpm=400..500"}}}, 400);
    CHECK_THAT(impossible.at("error").get<std::string>(), Catch::Contains("bpm=400..500"));
    CHECK_THAT(post_json(client, "/api/playlist", {{"strategy", "random"}}, 400).at("error").get<std::string>(),
               Catch::Contains("random"));
    CHECK(post_json(client, "/api/playlist", {{"length", "ten"}}, 400).at("error") ==
          "field 'length' must be a whole number >= 0, got \"ten\"");
    CHECK(post_json(client, "/api/playlist", {{"length", -3}}, 400).at("error") ==
          "field 'length' must be a whole number >= 0, got -3");
    CHECK(post_json(client, "/api/playlist", {{"seeds", "12"}}, 400).at("error") ==
          "field 'seeds' must be a list of track ids (whole numbers), got \"12\"");
    CHECK_THAT(client.Post("/api/playlist", "{\"seeds\": [", "application/json")->body,
               Catch::Contains("the request body is not JSON"));

    const auto m3u8 = client.Post("/api/playlist?format=m3u8", nlohmann::json{{"seeds", {seed}}, {"length", 5}}.dump(),
                                  "application/json");
    REQUIRE(m3u8);
    CHECK(m3u8->status == 200);
    CHECK(m3u8->body.rfind("#EXTM3U", 0) == 0);
    CHECK(std::count(m3u8->body.begin(), m3u8->body.end(), '\n') >= 11);  // header + 2 lines per track
    const std::vector<std::int64_t> chosen{tracks[3].at("id"), tracks[1].at("id"), tracks[2].at("id")};
    const auto arranged = post_json(client, "/api/playlist?format=json", {{"tracks", chosen}});
    REQUIRE(arranged.at("tracks").size() == 3);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        CHECK(arranged.at("tracks")[i].at("id") == chosen[i]);  // the listener's order, not the engine's
    }
    const auto xspf = client.Post("/api/playlist?format=xspf", nlohmann::json{{"tracks", chosen}}.dump(), "application/json");
    REQUIRE(xspf);
    CHECK(xspf->status == 200);
    std::size_t listed = 0;
    for (auto at = xspf->body.find("<track>"); at != std::string::npos; at = xspf->body.find("<track>", at + 1)) {
        ++listed;
    }
    CHECK(listed == 3);
}

TEST_CASE("playlists are saved in the store, listed, renamed, changed and deleted", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto tracks = get_json(client, "/api/tracks?limit=4").at("tracks");
    const std::vector<std::int64_t> ids{tracks[2].at("id"), tracks[0].at("id")};
    CHECK(get_json(client, "/api/playlists").at("playlists").empty());
    const auto saved = post_json(client, "/api/playlists", {{"name", "evening"}, {"tracks", ids}}, 201);
    CHECK(saved.at("tracks") == 2);
    const std::string one = "/api/playlists/" + std::to_string(saved.at("id").get<std::int64_t>());
    const auto opened = get_json(client, one);
    CHECK(opened.at("name") == "evening");
    REQUIRE(opened.at("tracks").size() == 2);
    CHECK(opened.at("tracks")[0].at("id") == ids[0]);  // the order it was saved in
    const auto renamed = client.Put(one, R"({"name": "late evening", "tracks": [)" + std::to_string(ids[1]) + "]}",
                                    "application/json");
    REQUIRE(renamed);
    CHECK(renamed->status == 200);
    const auto listed = get_json(client, "/api/playlists").at("playlists");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].at("name") == "late evening");
    CHECK(listed[0].at("tracks") == 1);
    CHECK_THAT(post_json(client, "/api/playlists", {{"name", ""}, {"tracks", ids}}, 400).at("error").get<std::string>(),
               Catch::Contains("name"));
    CHECK_THAT(post_json(client, "/api/playlists", {{"name", "x"}, {"tracks", {424242}}}, 404).at("error").get<std::string>(),
               Catch::Contains("no track 424242"));
    const auto deleted = client.Delete(one);
    REQUIRE(deleted);
    CHECK(deleted->status == 204);
    CHECK(get_json(client, one, 404).at("error") == "no saved playlist " + one.substr(one.rfind('/') + 1));
}

TEST_CASE("the page's analysis of a library folder adds its tracks while the service answers", "[cli][serve]") {
    test::ScratchDirectory music;
    std::filesystem::create_directories(music / "new");
    for (const char* name : {"click_90.wav", "click_150.wav"}) {
        std::filesystem::copy_file(test::fixtures / "clicks" / name, music / "new" / name);
    }
    RunningServer server({"--library", (music / "new").string(), "--jobs", "1"});
    auto client = server.client();
    CHECK(get_json(client, "/api/analysis").at("state") == "idle");
    CHECK_THAT(post_json(client, "/api/analysis", {{"path", "/etc"}}, 403).at("error").get<std::string>(),
               Catch::Contains("outside the library folders"));
    std::filesystem::create_directory_symlink("/usr/share", music / "new" / "escape");
    for (const std::string escape : {(music / "new" / "escape").string(), (music / "new" / ".." / "..").string()}) {
        INFO(escape);  // a link out of the library, and a climb out of it
        CHECK(post_json(client, "/api/analysis", {{"path", escape}}, 403).contains("error"));
    }
    std::filesystem::remove(music / "new" / "escape");
    CHECK_THAT(post_json(client, "/api/analysis", {{"route", "/"}}, 400).at("error").get<std::string>(),
               Catch::Contains("\"path\""));
    CHECK_THAT(post_json(client, "/api/analysis", {{"path", (music / "gone").string()}}, 404).at("error").get<std::string>(),
               Catch::Contains("no such file or folder"));
    const std::int64_t seed = get_json(client, "/api/tracks?limit=1").at("tracks")[0].at("id");
    CHECK(post_json(client, "/api/analysis", {{"path", (music / "new").string()}}, 202).at("state") == "running");
    // Readers and playlist requests on four connections while the job writes the store.
    std::atomic<bool> analysing{true};
    std::atomic<int> answered{0}, refused{0};
    std::vector<std::jthread> readers;
    for (int reader = 0; reader < 4; ++reader) {
        readers.emplace_back([&, reader] {
            auto own = server.client();
            while (analysing) {
                const auto response = reader % 2 ? own.Get("/api/tracks/" + std::to_string(seed) + "?similar=5")
                                                 : own.Post("/api/playlist", nlohmann::json{{"seeds", {seed}}, {"length", 5}}.dump(),
                                                            "application/json");
                (response && response->status == 200 ? answered : refused)++;
            }
        });
    }
    nlohmann::json job;
    for (int second = 0; second < 300; ++second) {
        job = get_json(client, "/api/analysis");
        CHECK(get_json(client, "/api/health").at("status") == "ok");  // it answers while analysing
        if (job.at("state") != "running") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    analysing = false;
    readers.clear();
    CHECK(refused == 0);
    CHECK(answered > 0);
    INFO(job.dump());
    REQUIRE(job.at("state") == "done");
    CHECK(job.at("total") == 2);
    CHECK(job.at("done") == 2);
    CHECK(get_json(client, "/api/health").at("tracks") == 38);
    const auto found = get_json(client, "/api/tracks?q=click_");
    REQUIRE(found.at("total") == 2);
    const auto added = get_json(client, "/api/tracks/" + std::to_string(found.at("tracks")[0].at("id").get<std::int64_t>()));
    CHECK(added.at("similar").size() == 10);  // compared with the whole library at once
}

TEST_CASE("uploads are kept by what their bytes are, under clean names, and those sent together analysed together",
          "[cli][serve]") {
    test::ScratchDirectory folders;
    const auto uploads = folders / "uploads";
    RunningServer server({"--uploads", uploads.string(), "--max-upload-mb", "2", "--jobs", "1"});
    auto client = server.client();
    const auto upload = [&](const std::string& name, const std::string& body, int status) {
        return post_file(client, "/api/uploads?name=" + name, body, status);
    };
    // A script named like audio is refused by its content, and nothing of it stays.
    CHECK_THAT(upload("song.mp3", "#!/bin/sh\nrm -rf /\n", 415).at("error").get<std::string>(),
               Catch::Contains("text/") && Catch::Contains("not audio"));
    CHECK_THAT(upload("song.mp3", "", 400).at("error").get<std::string>(), Catch::Contains("empty"));
    // Refused on its declared length before it is read: the client may see the 413 or, if it is
    // still sending when the server closes, a broken connection.
    const auto big = client.Post("/api/uploads?name=big.wav", std::string(2 * 1024 * 1024 + 1, 'x'),
                                 "application/octet-stream");
    if (big) {
        CHECK(big->status == 413);
        CHECK_THAT(big->body, Catch::Contains("2 MiB"));
    }
    CHECK(get_json(client, "/api/health").at("status") == "ok");
    CHECK(std::filesystem::is_empty(uploads));
    // A WAV named as an MP3 with a path climbing out: kept as a .wav inside the folder.
    const std::string wav = test::read_text(test::fixtures / "clicks" / "click_90.wav");
    const auto job = upload("..%2F..%2Fetc%2Fmy%20clicks.mp3", wav, 202);
    CHECK(job.at("file") == "my_clicks.wav");
    CHECK(std::filesystem::exists(uploads / "my_clicks.wav"));
    // Sent while that one is analysed: they wait, then are analysed together, in one batch;
    // the one that is a WAV but breaks off is named among the failures, with why.
    const auto broken = test::read_text(test::fixtures / "library" / "bad" / "truncated.wav");
    const auto cut_short = upload("cut.wav", broken, 202);
    CHECK(cut_short.at("state") == "running");
    CHECK(cut_short.at("waiting") == 1);
    const auto faster = upload("faster.wav", test::read_text(test::fixtures / "clicks" / "click_150.wav"), 202);
    CHECK(faster.at("waiting") == 2);
    const nlohmann::json status = analysis_when_ended(client);
    INFO(status.dump());
    REQUIRE(status.at("state") == "done");
    CHECK(status.at("total") == 3);
    CHECK(status.at("done") == 3);
    CHECK(status.at("failed") == 1);
    CHECK(status.at("waiting") == 0);
    REQUIRE(status.at("failures").size() == 1);
    CHECK(status.at("failures")[0].at("path") == (std::filesystem::canonical(uploads) / "cut.wav").string());
    CHECK_THAT(status.at("failures")[0].at("error").get<std::string>(), Catch::Contains("truncated"));
    CHECK(get_json(client, "/api/tracks?q=my_clicks").at("total") == 1);
    CHECK(get_json(client, "/api/tracks?q=faster").at("total") == 1);
    // The same name again is a new file, never an overwrite; sent after that job ended, it is a
    // job of its own, and the failures since the earlier job still name the one that broke off.
    const auto again = upload("my clicks.wav", wav, 202);
    CHECK(again.at("file") == "my_clicks-2.wav");
    CHECK(again.at("job") == status.at("job").get<int>() + 1);
    CHECK(analysis_when_ended(client).at("failures").empty());
    const auto since = get_json(client, "/api/analysis?since=" + std::to_string(status.at("job").get<int>()));
    REQUIRE(since.at("failures").size() == 1);
    CHECK_THAT(since.at("failures")[0].at("error").get<std::string>(), Catch::Contains("truncated"));
    get_json(client, "/api/analysis?since=-1", 400);
}

TEST_CASE("a form of several files is kept file by file, a refused file not stopping the others", "[cli][serve]") {
    test::ScratchDirectory folders;
    const auto uploads = folders / "uploads";
    RunningServer server({"--uploads", uploads.string(), "--max-upload-mb", "2", "--jobs", "1"});
    auto client = server.client();
    const std::string clicks = test::read_text(test::fixtures / "clicks" / "click_120.wav");  // 1.3 MB
    const auto send = [&](const httplib::MultipartFormDataItems& form, int status) {
        const auto response = client.Post("/api/uploads", form);
        REQUIRE(response);
        INFO(response->body);
        REQUIRE(response->status == status);
        return nlohmann::json::parse(response->body);
    };
    // A field that is not a file is passed over; a script and a file past the limit are
    // refused with their reasons, the audio before, between and after them kept.
    const auto sent = send({{"comment", "my week's music", "", ""},
                            {"file", clicks, "../form clicks.mp3", "audio/mpeg"},
                            {"file", "#!/bin/sh\nexit 0\n", "notes.mp3", "audio/mpeg"},
                            {"file", std::string(2 * 1024 * 1024 + 1, 'x'), "huge.wav", "audio/wav"},
                            {"file", clicks, "again.wav", "audio/wav"}},
                           202);
    REQUIRE(sent.at("files").size() == 2);
    CHECK(sent.at("state") == "running");  // the form's files make one batch
    CHECK_THAT(sent.at("path").get<std::string>(), Catch::EndsWith("form_clicks.wav and 1 more"));
    CHECK(sent.at("files")[0].at("name") == "../form clicks.mp3");
    CHECK(sent.at("files")[0].at("file") == "form_clicks.wav");
    CHECK(sent.at("files")[1].at("file") == "again.wav");
    REQUIRE(sent.at("refused").size() == 2);
    CHECK(sent.at("refused")[0].at("name") == "notes.mp3");
    CHECK(sent.at("refused")[0].at("status") == 415);
    CHECK_THAT(sent.at("refused")[0].at("error").get<std::string>(), Catch::Contains("not audio"));
    CHECK(sent.at("refused")[1].at("name") == "huge.wav");
    CHECK(sent.at("refused")[1].at("status") == 413);
    CHECK_THAT(sent.at("refused")[1].at("error").get<std::string>(), Catch::Contains("2 MiB"));
    std::vector<std::string> stayed;
    for (const auto& entry : std::filesystem::directory_iterator(uploads)) {
        stayed.push_back(entry.path().filename().string());
    }
    std::sort(stayed.begin(), stayed.end());
    CHECK(stayed == std::vector<std::string>{"again.wav", "form_clicks.wav"});
    // A form of nothing but refusals is refused, naming each; one with no file says how to send one.
    const auto none = send({{"file", "", "empty.wav", "audio/wav"}, {"file", "text", "notes.txt", "text/plain"}}, 400);
    CHECK_THAT(none.at("error").get<std::string>(), Catch::Contains("empty.wav: the upload is empty") &&
                                                        Catch::Contains("notes.txt: the upload is text/plain"));
    CHECK_THAT(send({{"comment", "no file", "", ""}}, 400).at("error").get<std::string>(),
               Catch::Contains("no file") && Catch::Contains("curl -F"));
    const nlohmann::json status = analysis_when_ended(client);
    INFO(status.dump());
    REQUIRE(status.at("state") == "done");
    CHECK(status.at("done") == 2);
    CHECK(status.at("failed") == 0);
    CHECK(get_json(client, "/api/tracks?q=form_clicks").at("total") == 1);
    CHECK(get_json(client, "/api/tracks?q=again").at("total") == 1);
}

TEST_CASE("an upload cut off keeps what arrived, and the next request sends the rest from there", "[cli][serve]") {
    test::ScratchDirectory folders;
    const auto uploads = folders / "uploads";
    RunningServer server({"--uploads", uploads.string(), "--max-upload-mb", "2", "--jobs", "1"});
    auto client = server.client();
    const std::string clicks = test::read_text(test::fixtures / "clicks" / "click_90.wav");
    const std::string size = std::to_string(clicks.size());
    const std::string id = "0123abcd-resume";
    const std::string address = "/api/uploads?name=resumed.wav&id=" + id + "&size=" + size;
    const auto post = [&](const std::string& query, const std::string& body, int status) {
        const auto response = client.Post(query, body, "application/octet-stream");
        REQUIRE(response);
        INFO(query << ": " << response->body);
        REQUIRE(response->status == status);
        return nlohmann::json::parse(response->body);
    };
    get_json(client, "/api/uploads/" + id, 404);
    // A third of the file arrives, then the connection drops; the server keeps those bytes.
    const std::size_t third = clicks.size() / 3;
    send_cut_off(server.port(),
                 "POST " + address + "&offset=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                 "Content-Length: " + size + "\r\n\r\n",
                 clicks.substr(0, third));
    // Until the server has noticed the cut, it is still sending (and more might come).
    nlohmann::json held;
    for (int attempt = 0; attempt < 300; ++attempt) {
        const auto response = client.Get("/api/uploads/" + id);
        REQUIRE(response);
        if (response->status == 200 && !(held = nlohmann::json::parse(response->body)).at("sending")) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(held.at("sending") == false);
    REQUIRE(held.at("received") == third);
    // Going on from anywhere else is refused, naming where to go on from.
    CHECK_THAT(post(address + "&offset=10", "x", 409).at("error").get<std::string>(),
               Catch::Contains("holds " + std::to_string(third) + " bytes"));
    // The next third as a request of its own, then the rest: kept whole, under its name.
    const auto part = post(address + "&offset=" + std::to_string(third), clicks.substr(third, third), 200);
    CHECK(part.at("received") == 2 * third);
    CHECK(part.at("size") == clicks.size());
    const auto kept = post(address + "&offset=" + std::to_string(2 * third), clicks.substr(2 * third), 202);
    CHECK(kept.at("file") == "resumed.wav");
    CHECK(test::read_text(uploads / "resumed.wav") == clicks);
    get_json(client, "/api/uploads/" + id, 404);
    // Ids are checked; a size past the limit and bytes past the declared size are refused.
    CHECK_THAT(post("/api/uploads?name=a.wav&id=short&size=4", "RIFF", 400).at("error").get<std::string>(),
               Catch::Contains("8 to 64"));
    CHECK_THAT(post("/api/uploads?name=a.wav&id=0123abcd-nosize", "RIFF", 400).at("error").get<std::string>(),
               Catch::Contains("size="));
    post("/api/uploads?name=a.wav&id=0123abcd-large&size=" + std::to_string(3 * 1024 * 1024), "RIFF", 413);
    CHECK_THAT(post("/api/uploads?name=a.wav&id=0123abcd-longer&size=2", "RIFF", 400).at("error").get<std::string>(),
               Catch::Contains("longer than the size=2"));
    get_json(client, "/api/uploads/0123abcd-longer", 404);
    std::vector<std::string> stayed;
    for (const auto& entry : std::filesystem::directory_iterator(uploads)) {
        stayed.push_back(entry.path().filename().string());
    }
    CHECK(stayed == std::vector<std::string>{"resumed.wav"});
}

TEST_CASE("bodies are limited before they are read, and uploads need --uploads", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto large = client.Post("/api/playlist", std::string(100 * 1024, ' '), "application/json");
    REQUIRE(large);
    CHECK(large->status == 413);
    CHECK_THAT(large->body, Catch::Contains("larger than 64 KiB"));
    const auto refused = client.Post("/api/uploads?name=a.wav", "RIFF", "application/octet-stream");
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK_THAT(refused->body, Catch::Contains("--uploads"));
}

TEST_CASE("a file sent to compare is answered with the library's nearest tracks and never added to it",
          "[cli][serve]") {
    test::ScratchDirectory scratch;
    // Ten seconds of a demo track decoded to WAV (1.7 MB): music the store has not analysed.
    const auto song = scratch / "cut.wav";
    REQUIRE(test::run_command({"/usr/bin/ffmpeg", "-v", "error", "-ss", "20", "-t", "10", "-i",
                               "/usr/share/games/asc/music/frontiers.mp3", song.string()})
                .exit_code == 0);
    const std::string wav = test::read_text(song);
    const auto temporary = scratch / "tmp";
    std::filesystem::create_directory(temporary);
    ::setenv("TMPDIR", temporary.c_str(), 1);  // the server's, started next
    RunningServer server({"--max-upload-mb", "2"});
    ::unsetenv("TMPDIR");
    auto client = server.client();
    const auto beside = [&] {
        std::map<std::string, std::string> files;
        for (const auto& entry : std::filesystem::directory_iterator(server.store().string() + ".similarity")) {
            files[entry.path().filename().string()] = test::read_text(entry.path());
        }
        return files;
    };
    const auto caches = beside();
    // A library track's neighbours, alike in sound and in mood: comparing files must not change them.
    const auto library_neighbours = [&] {
        const std::string first = "/api/tracks/" + get_json(client, "/api/tracks?limit=1").at("tracks")[0].at("id").dump();
        return std::pair(get_json(client, first + "?similar=8"), get_json(client, first + "?similar=8&by=mood"));
    };
    const auto neighbours_before = library_neighbours();
    const auto compare = [&](const std::string& query, const std::string& body, int status) {
        return post_file(client, "/api/similar?" + query, body, status);
    };

    const auto answer = compare("name=a%20new%20song.wav&similar=3", wav, 200);
    CHECK(answer.at("id").is_null());
    CHECK(answer.at("in_library") == false);
    CHECK(answer.at("path") == "a new song.wav");
    CHECK(answer.at("name") == "a new song");
    CHECK(answer.at("genre").is_string());
    CHECK(answer.at("bpm").get<double>() > 0.0);
    REQUIRE(answer.at("similar").size() == 3);
    bool whole_track_near = false;  // the cut's own track is among its three nearest
    for (const auto& near : answer.at("similar")) {
        CHECK(near.at("id").get<std::int64_t>() > 0);  // tracks of the library, which the page can play and list
        CHECK_FALSE(near.at("reasons").empty());
        whole_track_near = whole_track_near || near.at("path") == "/usr/share/games/asc/music/frontiers.mp3";
    }
    CHECK(whole_track_near);
    // The service admits the file to the library it holds open; the command line opens the
    // store afresh: the same nearest tracks, at the same distances.
    const auto command_line = test::run_timbre({"similar", "--db", server.store().string(), song.string(), "-n", "3",
                                                "--json"});
    REQUIRE(command_line.exit_code == 0);
    const auto by_command = nlohmann::json::parse(command_line.output.substr(command_line.output.find('{'))).at("similar");
    REQUIRE(by_command.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(by_command[i].at("path") == answer.at("similar")[i].at("path"));
        CHECK(by_command[i].at("distance").get<double>() == Approx(answer.at("similar")[i].at("distance").get<double>()));
    }
    CHECK(compare("name=a.wav&similar=4&by=mood", wav, 200).at("similar").size() == 4);
    const auto slower = compare("name=a.wav&similar=3&where=bpm%3C120", wav, 200);
    REQUIRE(slower.at("similar").size() == 3);
    for (const auto& near : slower.at("similar")) {
        CHECK(near.at("bpm").get<double>() < 120.0);
    }
    // A playlist of the library from the file, by the rules asked for, without the file.
    const auto query_of = [](const nlohmann::json& request) {  // "playlist=" and the request, URL-encoded
        return httplib::append_query_params("", {{"playlist", request.dump()}}).substr(1);
    };
    const auto smooth = compare("name=a%20new%20song.wav&" +
                                    query_of({{"strategy", "smooth"}, {"length", 5}, {"where", {"bpm=100..200"}}}),
                                wav, 200);
    CHECK(smooth.at("title") == "smooth playlist from a new song");
    CHECK(smooth.at("file").at("in_library") == false);
    CHECK(smooth.at("file").at("name") == "a new song");
    REQUIRE(smooth.at("tracks").size() == 5);
    for (const auto& track : smooth.at("tracks")) {
        CHECK(track.at("id").get<std::int64_t>() > 0);
        CHECK(track.at("bpm").get<double>() >= 100.0);
        CHECK_FALSE(track.at("reasons").empty());
    }
    // A duration target counts the library's tracks only, not the file the playlist starts from
    // (10 s): five seconds more than its first three tracks last takes a fourth.
    const auto radio = compare("name=a.wav&" + query_of({{"length", 4}}), wav, 200).at("tracks");
    REQUIRE(radio.size() == 4);
    double three = 0.0;
    for (int i = 0; i < 3; ++i) {
        three += radio[i].at("seconds").get<double>();
    }
    const auto timed = compare("name=a.wav&" + query_of({{"minutes", (three + 5.0) / 60.0}}), wav, 200);
    REQUIRE(timed.at("tracks").size() == 4);
    CHECK(timed.at("tracks")[3].at("id") == radio[3].at("id"));
    // Refused before the body is read (so a small body: the server closes the connection after),
    // and before it is sniffed: not 415.
    CHECK_THAT(compare(query_of({{"tracks", {1}}}), "not audio", 400).at("error").get<std::string>(),
               Catch::Contains("not a list of tracks"));
    CHECK_THAT(compare("playlist=%7Bseeds", "not audio", 400).at("error").get<std::string>(),
               Catch::Contains("not JSON"));
    CHECK_THAT(compare("where=tempo~fast", "not audio", 400).at("error").get<std::string>(),
               Catch::Contains("tempo~fast"));
    // Nothing of it stays: the library, what is kept beside the store, the temporary folder.
    CHECK(get_json(client, "/api/health").at("tracks") == 36);
    CHECK(get_json(client, "/api/tracks?q=new%20song").at("total") == 0);
    CHECK(beside() == caches);
    CHECK(library_neighbours() == neighbours_before);
    const auto visitors_left = [&] {  // the server's temporary folders (the test's server folder is there too)
        std::vector<std::string> left;
        for (const auto& entry : std::filesystem::directory_iterator(temporary)) {
            if (entry.path().filename().string().starts_with("timbre-visitors-")) {
                left.push_back(entry.path().filename().string());
            }
        }
        return left;
    };
    CHECK(visitors_left().empty());

    CHECK_THAT(compare("name=song.mp3", "#!/bin/sh\n", 415).at("error").get<std::string>(), Catch::Contains("text/"));
    CHECK_THAT(compare("name=song.mp3", "", 400).at("error").get<std::string>(), Catch::Contains("empty"));
    CHECK_THAT(compare("similar=3&by=taste", wav, 400).at("error").get<std::string>(), Catch::Contains("taste"));
    // A WAV that breaks off: its analysis fails, and the answer says why under the name sent.
    const auto truncated = test::read_text(test::fixtures / "library" / "bad" / "truncated.wav");
    const auto broken = compare("name=broken.wav", truncated, 422);
    CHECK_THAT(broken.at("error").get<std::string>(), Catch::Contains("broken.wav") && Catch::Contains("truncated"));
    CHECK(broken.at("error").get<std::string>().find(temporary.string()) == std::string::npos);
    const auto big =
        client.Post("/api/similar?name=big.wav", std::string(2 * 1024 * 1024 + 1, 'x'), "application/octet-stream");
    if (big) {  // or, still sending when the server closed, a broken connection
        CHECK(big->status == 413);
        CHECK_THAT(big->body, Catch::Contains("2 MiB"));
    }
    // A file still on its way holds up no other: one sent whole meanwhile is answered.
    const auto send_slowly = [&] {
        return send_partly(server.port(),
                           "POST /api/similar?name=slow.wav HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                               std::to_string(wav.size()) + "\r\n\r\n",
                           wav.substr(0, 1000));
    };
    const int slow = send_slowly();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    CHECK(compare("name=b.wav&similar=1", wav, 200).at("similar").size() == 1);
    ::close(slow);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // its place given back
    // With as many on their way as the server takes at once (each well within its 10 s to
    // send), the next is told when to come back.
    std::vector<int> receiving;
    while (receiving.size() < static_cast<std::size_t>(timbre::host::VisitorQueries::kAtOnce)) {
        receiving.push_back(send_slowly());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    // (Its body is small: the server answers without reading it, and closes the connection.)
    const auto busy = client.Post("/api/similar?name=b.wav", wav.substr(0, 1000), "application/octet-stream");
    for (const int socket : receiving) {
        ::close(socket);
    }
    REQUIRE(busy);
    CHECK(busy->status == 503);
    CHECK(busy->get_header_value("Retry-After") == "5");
    CHECK(busy->get_header_value("Connection") == "close");
    // The cut-off requests end as soon as the server reads their closed connections: a small
    // body is refused as busy until then, and for what it is after.
    int small = 503;
    for (int attempt = 0; small == 503 && attempt < 50; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto probe = client.Post("/api/similar?name=c.wav", "not audio", "application/octet-stream");
        REQUIRE(probe);
        small = probe->status;
    }
    CHECK(small == 415);
    CHECK(compare("name=b.wav&similar=1", wav, 200).at("similar").size() == 1);
    CHECK(visitors_left().empty());
    CHECK(get_json(client, "/api/health").at("tracks") == 36);
    // Which models limit the use of the results is logged once, not at every comparison.
    const std::string log = test::read_text(server.scratch() / "serve.log");
    const auto first = log.find("limits their use");
    CHECK(first != std::string::npos);
    CHECK(log.find("limits their use", first + 1) == std::string::npos);
}

TEST_CASE("tracks a separate timbre analyze adds to the store appear in the running service", "[cli][serve]") {
    RunningServer server({"--follow-seconds", "0.5", "--mood-metric", "mood_trplet"});
    auto client = server.client();
    REQUIRE(get_json(client, "/api/health").at("tracks") == 36);
    test::ScratchDirectory music;
    std::filesystem::copy_file(test::fixtures / "clicks" / "click_90.wav", music / "click_90.wav");
    const auto analysed = test::run_timbre({"analyze", (test::source_dir / "configs/similarity.yaml").string(),
                                            music.path().string(), "--db", server.store().string(), "-j", "1"});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    std::size_t tracks = 0;
    for (int tenth = 0; tenth < 600 && tracks != 37; ++tenth) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        tracks = get_json(client, "/api/health").at("tracks").get<std::size_t>();
    }
    CHECK(tracks == 37);
    CHECK(get_json(client, "/api/tracks?q=click_90").at("total") == 1);
    const std::string log = test::read_text(server.scratch() / "serve.log");
    CHECK_THAT(log, Catch::Contains("changed (37 tracks now)"));
    // The missing mood metric is said when the service starts, not again at each reload.
    const auto mentions = [&log](const std::string& text) {
        std::size_t count = 0;
        for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1)) {
            ++count;
        }
        return count;
    };
    CHECK(mentions("mood metric 'mood_trplet'") == 1);
}

TEST_CASE("a saved playlist keeps its tracks when the library is analysed again", "[cli][serve]") {
    RunningServer server({"--follow-seconds", "0.5"});
    auto client = server.client();
    const auto chimes = get_json(client, "/api/tracks?q=Chimes%20They%20Fade").at("tracks");
    REQUIRE(chimes.size() == 1);
    const std::int64_t before = chimes[0].at("id");
    const std::int64_t other = get_json(client, "/api/tracks?q=crossroads").at("tracks")[0].at("id");
    const auto saved = post_json(client, "/api/playlists", {{"name", "kept"}, {"tracks", {before, other}}}, 201);
    const std::string one = "/api/playlists/" + std::to_string(saved.at("id").get<std::int64_t>());

    // The track analysed again: a newer row for its path, which the service reads.
    const auto analysed = test::run_timbre({"analyze", (test::source_dir / "configs/similarity.yaml").string(),
                                            "/usr/share/games/singularity/music/lose/Chimes They Fade.ogg", "--db",
                                            server.store().string(), "-j", "1", "--no-summary"});
    INFO(analysed.output);
    REQUIRE(analysed.exit_code == 0);
    std::int64_t after = before;
    for (int tenth = 0; tenth < 600 && after == before; ++tenth) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        after = get_json(client, "/api/tracks?q=Chimes%20They%20Fade").at("tracks")[0].at("id");
    }
    REQUIRE(after != before);
    const auto opened = get_json(client, one);
    CHECK(opened.at("missing") == 0);
    REQUIRE(opened.at("tracks").size() == 2);
    CHECK(opened.at("tracks")[0].at("id") == after);
    CHECK(opened.at("tracks")[1].at("id") == other);
    // A page still holding the old id is shown the track as it is now.
    CHECK(get_json(client, "/api/tracks/" + std::to_string(before)).at("id") == after);
}

TEST_CASE("without --library the service analyses nothing", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    CHECK_THAT(post_json(client, "/api/analysis", {{"path", "/usr/share/hyperrogue/music"}}, 403).at("error").get<std::string>(),
               Catch::Contains("start it with --library"));
}

TEST_CASE("audio streams by track id with ranges, and no path reaches the file system", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto track = get_json(client, "/api/tracks?limit=1").at("tracks")[0];
    const std::string audio = "/api/tracks/" + std::to_string(track.at("id").get<std::int64_t>()) + "/audio";
    const auto range = client.Get(audio, {{"Range", "bytes=100-199"}});
    REQUIRE(range);
    CHECK(range->status == 206);
    REQUIRE(range->body.size() == 100);
    CHECK(range->body == test::read_text(track.at("path").get<std::string>()).substr(100, 100));
    const auto whole = client.Get(audio);
    REQUIRE(whole);
    CHECK(whole->status == 200);
    CHECK(whole->body.size() == std::filesystem::file_size(track.at("path").get<std::string>()));
    for (const char* path : {"/api/tracks/../../../etc/passwd", "/api/tracks/%2e%2e%2fetc%2fpasswd/audio",
                             "/api/tracks/123456789/audio", "/etc/passwd"}) {
        INFO(path);
        const auto refused = client.Get(path);
        REQUIRE(refused);
        CHECK(refused->status == 404);
        CHECK(refused->body.find("root:") == std::string::npos);
    }
}

TEST_CASE("the page, its script, the map and the OpenAPI description are served", "[cli][serve]") {
    RunningServer server;
    auto client = server.client();
    const auto page = client.Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK_THAT(page->body, Catch::Contains("<script type=\"module\" src=\"/app.js\">"));
    const auto script = client.Get("/app.js");
    REQUIRE(script);
    CHECK(script->get_header_value("Content-Type").rfind("text/javascript", 0) == 0);
    const auto drawn = get_json(client, "/api/map");
    const auto& map = drawn.at("points");
    REQUIRE(map.size() == 36);
    // Three groups of 36 tracks; the named ones sit on a track of theirs and hold some.
    const auto& regions = drawn.at("regions");
    CHECK_FALSE(regions.empty());
    CHECK(regions.size() <= 3);
    std::size_t grouped = 0;
    for (const auto& region : regions) {
        CHECK_FALSE(region.at("name").get<std::string>().empty());
        const bool on_a_track = std::any_of(map.begin(), map.end(), [&](const auto& point) {
            return point.at("x") == region.at("x") && point.at("y") == region.at("y");
        });
        CHECK(on_a_track);
        grouped += region.at("tracks").get<std::size_t>();
    }
    CHECK(grouped <= 36);
    float spread = 0.0f;
    for (const auto& point : map) {
        CHECK(std::abs(point.at("x").get<float>()) <= 1.0f);
        CHECK(std::abs(point.at("y").get<float>()) <= 1.0f);
        spread = std::max({spread, std::abs(point.at("x").get<float>()), std::abs(point.at("y").get<float>())});
    }
    // The layout's longer side, whichever axis it lies along, spans [-1, 1].
    CHECK(spread == Approx(1.0f));
    const auto openapi = get_json(client, "/api/openapi.json");
    CHECK(openapi.at("paths").contains("/api/playlist"));
}

TEST_CASE("a server other machines can reach needs a token, and POSTs carry it", "[cli][serve]") {
    test::ScratchDirectory scratch;
    const auto refused =
        test::run_timbre({"serve", "--db", test::demo_store.string(), "--host", "0.0.0.0", "--port", "0"});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.output, Catch::Contains("give --token"));

    RunningServer server({"--host", "0.0.0.0", "--token", "s3cret"});
    auto client = server.client();
    CHECK(get_json(client, "/api/health").at("status") == "ok");  // reads need no token
    const nlohmann::json request{{"length", 3}};
    CHECK(post_json(client, "/api/playlist", request, 401).at("error").get<std::string>().find("token") != std::string::npos);
    const auto unauthorised = client.Delete("/api/playlists/1");
    REQUIRE(unauthorised);
    CHECK(unauthorised->status == 401);
    client.set_bearer_token_auth("s3cret");
    CHECK(post_json(client, "/api/playlist", request).at("tracks").size() == 3);
}

namespace {
// The first of `most` quick GETs that is refused with 429: its number (0: none was), its
// Retry-After and its body.
struct Refusal {
    int index = 0;
    std::string retry_after;
    std::string body;
};

Refusal first_refusal(httplib::Client& client, int most) {
    for (int i = 1; i <= most; ++i) {
        const auto response = client.Get("/api/health");
        REQUIRE(response);
        if (response->status == 429) {
            return {i, response->get_header_value("Retry-After"), response->body};
        }
        REQUIRE(response->status == 200);
    }
    return {};
}
}  // namespace

TEST_CASE("a client asking faster than --rate-limit is told to wait, and answered again after", "[cli][serve]") {
    RunningServer limited({"--rate-limit", "2"});  // bursts of 20
    auto client = limited.client();
    const Refusal refusal = first_refusal(client, 40);
    CHECK(refusal.index > 20);
    REQUIRE(refusal.index > 0);
    CHECK(refusal.retry_after == "1");
    CHECK_THAT(nlohmann::json::parse(refusal.body).at("error").get<std::string>(),
               Catch::Contains("too many requests from 127.0.0.1") && Catch::Contains("--rate-limit"));
    std::this_thread::sleep_for(std::chrono::seconds(1));
    CHECK(get_json(client, "/api/health").at("status") == "ok");

    // Without --rate-limit: none on loopback, 50 a second (bursts of 500) on an address others reach.
    RunningServer local;
    auto local_client = local.client();
    CHECK(first_refusal(local_client, 600).index == 0);
    RunningServer open({"--host", "0.0.0.0", "--token", "s3cret"});
    auto open_client = open.client();
    const int open_index = first_refusal(open_client, 3000).index;  // stops at the first refusal
    CHECK(open_index > 500);
}

