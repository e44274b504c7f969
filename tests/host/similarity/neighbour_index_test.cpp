// SPDX-License-Identifier: GPL-3.0-or-later
// The HNSW index against brute force on clustered vectors (the shape of real signatures):
// recall of the 10 nearest, removal, and a save/load round trip that answers alike.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "similarity/neighbour_index.hpp"
#include "support/command_run.hpp"

using namespace timbre;
using host::NeighbourIndex;

namespace {
constexpr std::size_t kDimension = 24;

// `count` vectors around 20 random centres.
std::vector<std::vector<float>> clustered(std::size_t count, unsigned seed) {
    std::mt19937 engine(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    std::vector<std::vector<float>> centres(20, std::vector<float>(kDimension));
    for (auto& centre : centres) {
        for (float& value : centre) {
            value = 4.0f * normal(engine);
        }
    }
    std::vector<std::vector<float>> vectors;
    for (std::size_t i = 0; i < count; ++i) {
        auto vector = centres[i % centres.size()];
        for (float& value : vector) {
            value += normal(engine);
        }
        vectors.push_back(std::move(vector));
    }
    return vectors;
}

std::vector<std::int64_t> brute_force(const std::vector<std::vector<float>>& vectors, const std::vector<float>& query,
                                      std::size_t k, const std::set<std::int64_t>& removed) {
    std::vector<std::pair<float, std::int64_t>> ranked;
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        if (removed.contains(static_cast<std::int64_t>(i))) {
            continue;
        }
        float sum = 0.0f;
        for (std::size_t d = 0; d < kDimension; ++d) {
            sum += (vectors[i][d] - query[d]) * (vectors[i][d] - query[d]);
        }
        ranked.emplace_back(sum, static_cast<std::int64_t>(i));
    }
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end());
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < k; ++i) {
        ids.push_back(ranked[i].second);
    }
    return ids;
}
}  // namespace

TEST_CASE("the index finds the 10 nearest as brute force does, and never a removed track", "[host][similarity]") {
    const auto vectors = clustered(3000, 11);
    NeighbourIndex index(kDimension);
    index.reserve(vectors.size());
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        index.add(static_cast<std::int64_t>(i), vectors[i]);
    }
    std::set<std::int64_t> removed;
    for (std::int64_t id = 0; id < 3000; id += 7) {
        index.remove(id);
        removed.insert(id);
    }
    CHECK(index.tracks().size() == 3000 - removed.size());
    CHECK_FALSE(index.contains(7));
    CHECK(index.contains(8));
    const auto queries = clustered(200, 12);
    std::size_t found = 0;
    for (const auto& query : queries) {
        const auto truth = brute_force(vectors, query, 10, removed);
        const auto answer = index.search(query, 10);
        REQUIRE(answer.size() == 10);
        for (std::int64_t id : answer) {
            CHECK_FALSE(removed.contains(id));
            found += std::find(truth.begin(), truth.end(), id) != truth.end();
        }
    }
    CHECK(static_cast<double>(found) / (10.0 * queries.size()) >= 0.95);
    CHECK_THROWS_WITH(index.add(5000, std::vector<float>(3)), Catch::Contains("3 values where 24 were expected"));
}

TEST_CASE("a saved index loads and answers alike, and another dimension or no file loads nothing", "[host][similarity]") {
    test::ScratchDirectory scratch;
    const auto vectors = clustered(500, 21);
    NeighbourIndex index(kDimension);
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        index.add(static_cast<std::int64_t>(i) + 1000, vectors[i]);  // ids are the store's, not positions
    }
    const auto file = scratch / "library.hnsw";
    index.save(file);
    auto loaded = NeighbourIndex::load(file, kDimension);
    REQUIRE(loaded);
    for (std::size_t q = 0; q < 20; ++q) {
        CHECK(loaded->search(vectors[q], 10) == index.search(vectors[q], 10));
    }
    CHECK(loaded->embedding_of(1003) == vectors[3]);
    loaded->reserve(501);
    loaded->add(5000, vectors[0]);  // a loaded index grows like a new one
    CHECK(loaded->contains(5000));
    CHECK_FALSE(NeighbourIndex::load(file, kDimension + 1));
    CHECK_FALSE(NeighbourIndex::load(scratch / "missing.hnsw", kDimension));
}
