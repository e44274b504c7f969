// SPDX-License-Identifier: GPL-3.0-or-later
// The index's subspace: on vectors that vary along a few hidden directions plus faint noise,
// it keeps nearly all the variance and distances between projected vectors match the
// originals'; with more directions than it may keep, it says how much it lost; the same
// sample always gives the same projection; and the similarity cache gives a fitted one back.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "similarity/principal_subspace.hpp"
#include "similarity/similarity_cache.hpp"
#include "support/command_run.hpp"

using timbre::host::PrincipalSubspace;

namespace {
// `count` centred rows of `dimension` numbers: `directions` random directions with weights of
// deviation 3, plus noise of deviation `noise` in every dimension.
std::vector<std::vector<float>> low_rank_rows(std::size_t count, std::size_t dimension, std::size_t directions,
                                              float noise) {
    std::mt19937 engine(3);
    std::normal_distribution<float> normal;
    std::vector<std::vector<float>> basis(directions, std::vector<float>(dimension));
    for (auto& direction : basis) {
        for (float& value : direction) {
            value = normal(engine) / std::sqrt(static_cast<float>(dimension));
        }
    }
    std::vector<std::vector<float>> rows(count, std::vector<float>(dimension, 0.0f));
    for (auto& row : rows) {
        for (const auto& direction : basis) {
            const float weight = 3.0f * normal(engine);
            for (std::size_t d = 0; d < dimension; ++d) {
                row[d] += weight * direction[d];
            }
        }
        for (float& value : row) {
            value += noise * normal(engine);
        }
    }
    std::vector<float> mean(dimension, 0.0f);
    for (const auto& row : rows) {
        for (std::size_t d = 0; d < dimension; ++d) {
            mean[d] += row[d] / static_cast<float>(count);
        }
    }
    for (auto& row : rows) {
        for (std::size_t d = 0; d < dimension; ++d) {
            row[d] -= mean[d];
        }
    }
    return rows;
}

double distance(const std::vector<float>& a, const std::vector<float>& b) {
    double sum = 0.0;
    for (std::size_t d = 0; d < a.size(); ++d) {
        sum += (static_cast<double>(a[d]) - b[d]) * (static_cast<double>(a[d]) - b[d]);
    }
    return std::sqrt(sum);
}
}  // namespace

TEST_CASE("a subspace as large as the hidden directions keeps distances", "[similarity][index]") {
    const auto rows = low_rank_rows(300, 200, 12, 0.01f);
    const PrincipalSubspace subspace(rows, 12);
    CHECK(subspace.dimension() == 12);
    CHECK(subspace.retained() > 0.99);
    for (std::size_t i = 0; i + 1 < 50; ++i) {
        const double original = distance(rows[i], rows[i + 1]);
        CHECK(distance(subspace(rows[i]), subspace(rows[i + 1])) == Approx(original).epsilon(0.02));
    }
}

TEST_CASE("a subspace smaller than the hidden directions reports what it loses, the same each time",
          "[similarity][index]") {
    const auto rows = low_rank_rows(300, 200, 40, 0.01f);
    const PrincipalSubspace smaller(rows, 10);
    CHECK(smaller.retained() > 0.25);
    CHECK(smaller.retained() < 0.6);
    const PrincipalSubspace again(rows, 10);
    CHECK(again(rows[7]) == smaller(rows[7]));
    for (std::size_t i = 0; i + 1 < 50; ++i) {
        CHECK(distance(smaller(rows[i]), smaller(rows[i + 1])) <= distance(rows[i], rows[i + 1]) * 1.0001);
    }
}

TEST_CASE("a subspace kept in the similarity cache comes back exactly, and only for the rows it was fitted on",
          "[similarity][index]") {
    timbre::test::ScratchDirectory scratch;
    const timbre::host::SimilarityCache cache(scratch / "timbre.db", "a mix");
    const auto rows = low_rank_rows(300, 200, 40, 0.01f);
    const PrincipalSubspace fitted(rows, 10);
    CHECK_FALSE(cache.load_subspace("rows-a"));
    cache.save_subspace("rows-a", fitted);
    const auto kept = cache.load_subspace("rows-a");
    REQUIRE(kept);
    CHECK(kept->dimension() == 10);
    CHECK(kept->retained() == fitted.retained());
    CHECK((*kept)(rows[7]) == fitted(rows[7]));
    CHECK_FALSE(cache.load_subspace("rows-b"));

    SECTION("a damaged file is no subspace") {
        std::filesystem::resize_file(cache.subspace_file(), std::filesystem::file_size(cache.subspace_file()) - 4);
        CHECK_FALSE(cache.load_subspace("rows-a"));
    }
    SECTION("numbers that do not fit the sizes are refused") {
        CHECK_THROWS_WITH(PrincipalSubspace(200, 10, std::vector<float>(1999), 0.5),
                          Catch::Contains("10 directions in 200 dimensions cannot have 1999 numbers"));
    }
}
