// SPDX-License-Identifier: GPL-3.0-or-later
// The similarity index and the cache beside a store, through the CLI on the demo library:
// indexed search finds what exact search finds, the cache (scales, index, the signatures'
// copy) never changes an answer however it is damaged, and `analyze` leaves it up to date.
// Each test works on its own copy of the demo store, so the cache it writes is its own.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

#include "support/command_run.hpp"
#include "support/demo_store.hpp"
#include "support/test_paths.hpp"

using namespace timbre;

namespace {
const std::vector<std::string> kSeeds{"hr-savino-caribbean", "frontiers", "machine_wars", "time_to_strike",
                                      "A New Journey", "Advanced Simulacra"};

// The paths `similar` lists for `seed`, nearest first.
std::vector<std::string> similar(const std::filesystem::path& store, const std::string& seed,
                                 std::vector<std::string> options = {}) {
    std::vector<std::string> arguments{"similar", "--db", store.string(), seed, "-n", "5", "--json"};
    arguments.insert(arguments.end(), options.begin(), options.end());
    const auto run = test::run_timbre(arguments);
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const auto json = nlohmann::json::parse(run.output.substr(run.output.find('{')));
    std::vector<std::string> paths;
    for (const auto& entry : json.at("similar")) {
        paths.push_back(entry.at("path"));
    }
    return paths;
}

std::vector<std::filesystem::path> cache_files(const std::filesystem::path& store, const std::string& extension) {
    std::vector<std::filesystem::path> files;
    const std::filesystem::path folder = store.string() + ".similarity";
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() == extension) {
            files.push_back(entry.path());
        }
    }
    return files;
}
}  // namespace

TEST_CASE("indexed search re-ranks a third of the library and finds what exact search finds", "[cli][similarity]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    std::size_t found = 0, asked = 0;
    for (const auto& seed : kSeeds) {
        INFO(seed);
        const auto exact = similar(store, seed);
        // 12 candidates of 36 tracks: the index, not the whole library, decides who is re-ranked.
        const auto indexed = similar(store, seed, {"--exact-below", "0", "--candidates", "12"});
        REQUIRE(indexed.size() == exact.size());
        const std::set<std::string> truth(exact.begin(), exact.end());
        for (const auto& path : indexed) {
            found += truth.contains(path);
        }
        asked += exact.size();
        CHECK(indexed.front() == exact.front());
    }
    CHECK(static_cast<double>(found) / static_cast<double>(asked) >= 0.8);
    CHECK(cache_files(store, ".hnsw").size() == 1);
}

TEST_CASE("the cache beside the store changes no answer, whether missing, kept or damaged", "[cli][similarity]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    const std::filesystem::path folder = store.string() + ".similarity";
    std::filesystem::remove_all(folder);
    const auto first = similar(store, kSeeds[0], {"--exact-below", "0", "--candidates", "12"});
    REQUIRE(cache_files(store, ".scales").size() == 1);
    REQUIRE(cache_files(store, ".hnsw").size() == 1);
    CHECK(similar(store, kSeeds[0], {"--exact-below", "0", "--candidates", "12"}) == first);
    for (const char* extension : {".scales", ".hnsw"}) {
        INFO(extension);
        std::ofstream(cache_files(store, extension).front(), std::ios::binary | std::ios::trunc) << "not a cache file";
        CHECK(similar(store, kSeeds[0], {"--exact-below", "0", "--candidates", "12"}) == first);
    }
    REQUIRE(std::filesystem::exists(folder / "signatures"));
    std::filesystem::resize_file(folder / "signatures", std::filesystem::file_size(folder / "signatures") / 2);
    CHECK(similar(store, kSeeds[0], {"--exact-below", "0", "--candidates", "12"}) == first);
    // Another mix of metrics keeps files of its own and leaves these alone.
    similar(store, kSeeds[0], {"--metric", "timbre"});
    CHECK(cache_files(store, ".scales").size() == 2);
    CHECK(similar(store, kSeeds[0], {"--exact-below", "0", "--candidates", "12"}) == first);
}

TEST_CASE("analyze leaves the store's similarity up to date for the commands after it", "[cli][similarity]") {
    test::ScratchDirectory scratch;
    const auto store = test::copy_of_demo_store(scratch);
    std::filesystem::remove_all(store.string() + ".similarity");
    const auto run = test::run_timbre({"analyze", (test::source_dir / "configs" / "similarity.yaml").string(),
                                       "/usr/share/games/singularity/music", "/usr/share/hyperrogue/music",
                                       "/usr/share/games/asc/music", "--db", store.string(), "--resume",
                                       "--no-summary"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("similarity of 36 tracks up to date") && Catch::Contains("36 scaled"));
    CHECK(cache_files(store, ".scales").size() == 1);
    // The signatures' copy too: the command after `analyze` reads it and has nothing to rewrite.
    const std::filesystem::path signatures = store.string() + ".similarity/signatures";
    REQUIRE(std::filesystem::exists(signatures));
    const auto written = std::filesystem::last_write_time(signatures);
    similar(store, kSeeds[0]);
    CHECK(std::filesystem::last_write_time(signatures) == written);
}
