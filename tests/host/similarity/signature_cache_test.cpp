// SPDX-License-Identifier: GPL-3.0-or-later
// The signatures kept beside a store: a library opened through them has exactly the numbers
// its store holds, whether the cache is missing, kept, damaged, left from another store under
// the same name, or older than a re-analysis; and a damaged file is read as no file.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "results/result_store.hpp"
#include "similarity/signature_cache.hpp"
#include "similarity/track_catalogue.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

// Records one track per name with a two-number "timbre" signature (`offset`, `offset` + 1/3)
// and a three-number "stats" one, in a run of `pipeline`.
void record_library(const std::filesystem::path& file, const std::vector<std::string>& names, double offset,
                    const std::string& pipeline) {
    SqliteResultStore store(file);
    const auto run = store.begin_run({"timbre analyze", "similarity.yaml", "", pipeline, pipeline});
    for (const auto& name : names) {
        TrackResult result;
        result.path = "/music/" + name + ".ogg";
        result.content_hash = name;
        result.status = TrackStatus::ok;
        result.outputs["timbre.signature"] = std::make_shared<const Value>(
            Vector(std::vector<std::string>{"a", "b"}, std::vector<double>{offset, offset + 1.0 / 3.0}));
        result.outputs["stats.signature"] = std::make_shared<const Value>(
            Vector(std::vector<std::string>{"x", "y", "z"}, std::vector<double>{-offset, 1e-300, offset * 7.0}));
        store.record_track(run, pipeline, result);
    }
}

// Path -> node -> numbers, as a library opened from `file` reads them.
std::map<std::string, std::map<std::string, std::vector<double>>> signatures_of(const std::filesystem::path& file) {
    const TrackCatalogue catalogue = TrackCatalogue::open(file);
    std::map<std::string, std::map<std::string, std::vector<double>>> read;
    for (std::size_t t = 0; t < catalogue.tracks().size(); ++t) {
        for (const auto& node : catalogue.signature_nodes()) {
            if (const Vector* signature = catalogue.signature(node, t)) {
                read[catalogue.tracks()[t].path.filename().string()][node] = signature->values();
            }
        }
    }
    return read;
}

std::map<std::string, std::map<std::string, std::vector<double>>> expected(const std::vector<std::string>& names,
                                                                           double offset) {
    std::map<std::string, std::map<std::string, std::vector<double>>> numbers;
    for (const auto& name : names) {
        numbers[name + ".ogg"] = {{"timbre", {offset, offset + 1.0 / 3.0}}, {"stats", {-offset, 1e-300, offset * 7.0}}};
    }
    return numbers;
}

// How many signatures the cache beside `file` keeps; 0 when it has none or cannot be read.
std::size_t kept_count(const SignatureCache& cache) {
    const auto kept = cache.open();
    return kept ? kept->size() : 0;
}

}  // namespace

TEST_CASE("a library read through the signature cache has the store's numbers, however the cache stands", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    const std::vector<std::string> names{"one", "two", "three"};
    record_library(file, names, 0.1, "p");
    const SignatureCache cache(file);
    REQUIRE_FALSE(std::filesystem::exists(cache.file()));
    CHECK(signatures_of(file) == expected(names, 0.1));
    REQUIRE(std::filesystem::exists(cache.file()));
    REQUIRE(kept_count(cache) == 6);

    SECTION("kept: read from it, unchanged") {
        const auto written = std::filesystem::last_write_time(cache.file());
        CHECK(signatures_of(file) == expected(names, 0.1));
        CHECK(std::filesystem::last_write_time(cache.file()) == written);
    }
    SECTION("damaged: cut short, or not a cache at all") {
        std::filesystem::resize_file(cache.file(), std::filesystem::file_size(cache.file()) - 5);
        CHECK(cache.open() == nullptr);
        CHECK(signatures_of(file) == expected(names, 0.1));
        std::ofstream(cache.file(), std::ios::binary | std::ios::trunc) << "timbre similarity signatures 2\n"
                                                                        << std::string(64, '\xff');
        CHECK(cache.open() == nullptr);
        CHECK(signatures_of(file) == expected(names, 0.1));
        CHECK(kept_count(cache) == 6);
    }
    SECTION("left from another store of the same name: the same track rows, another analysis") {
        std::filesystem::remove(file);
        record_library(file, names, 0.5, "q");
        CHECK(signatures_of(file) == expected(names, 0.5));
    }
    SECTION("a path analysed again: its later row's numbers, and the cache holds only those") {
        record_library(file, {"two"}, 0.9, "q");
        auto numbers = expected(names, 0.1);
        numbers["two.ogg"] = expected({"two"}, 0.9)["two.ogg"];
        CHECK(signatures_of(file) == numbers);
        CHECK(kept_count(cache) == 6);
        CHECK(signatures_of(file) == numbers);
    }
}

TEST_CASE("signatures of one metric share their names when read back from the cache", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    record_library(file, {"one", "two"}, 0.1, "p");
    TrackCatalogue::open(file);
    const auto kept = SignatureCache(file).open();
    REQUIRE(kept);
    REQUIRE(kept->size() == 4);
    std::vector<Vector> read;
    for (std::size_t entry = 0; entry < kept->size(); ++entry) {
        read.push_back(kept->signature(entry));
    }
    std::map<std::string, const std::vector<std::string>*> names_of;
    for (std::size_t entry = 0; entry < kept->size(); ++entry) {
        const auto at = names_of.emplace(kept->origin(entry).output, &read[entry].names()).first;
        CHECK(at->second == &read[entry].names());
    }
    CHECK(names_of.size() == 2);
}

TEST_CASE("signatures read from the cache when first asked for are read once, by however many threads ask", "[store]") {
    test::ScratchDirectory scratch;
    const auto file = scratch / "library.db";
    std::vector<std::string> names;
    for (int i = 0; i < 40; ++i) {
        names.push_back("track" + std::to_string(i));
    }
    record_library(file, names, 0.25, "p");
    TrackCatalogue::open(file);
    const TrackCatalogue catalogue = TrackCatalogue::open(file);
    const SignatureColumn* column = catalogue.signatures("timbre");
    REQUIRE(column);
    REQUIRE(catalogue.signatures("absent") == nullptr);
    std::vector<std::vector<const Vector*>> seen(4);
    {
        std::vector<std::jthread> threads;
        for (auto& by_thread : seen) {
            threads.emplace_back([&] {
                for (std::size_t t = 0; t < catalogue.tracks().size(); ++t) {
                    by_thread.push_back(column->at(t));
                }
            });
        }
    }
    for (std::size_t t = 0; t < catalogue.tracks().size(); ++t) {
        REQUIRE(column->has(t));
        REQUIRE(seen[0][t] != nullptr);
        CHECK(seen[0][t]->values() == std::vector<double>{0.25, 0.25 + 1.0 / 3.0});
        for (const auto& by_thread : seen) {
            CHECK(by_thread[t] == seen[0][t]);
        }
    }
}
