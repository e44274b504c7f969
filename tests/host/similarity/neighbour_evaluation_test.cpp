// SPDX-License-Identifier: GPL-3.0-or-later
// Distance matrices, mutual proximity and the k-NN figures on hand-made libraries where the
// answers can be counted by hand: points on a line under |x - y|.
#include <catch2/catch.hpp>

#include <cmath>

#include "similarity/distance_matrix.hpp"
#include "similarity/neighbour_evaluation.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {
class LineMetric : public SimilarityMetric {
public:
    MetricSpace space() const override { return MetricSpace::euclidean; }
    double distance(const Vector& a, const Vector& b) const override {
        return std::abs(a.values()[0] - b.values()[0]) * scale;
    }
    double scale = 1.0;
};

std::vector<Vector> points(const std::vector<double>& xs) {
    std::vector<Vector> library;
    for (double x : xs) {
        library.emplace_back(std::vector<std::string>{"x"}, std::vector<double>{x});
    }
    return library;
}
}  // namespace

TEST_CASE("a distance matrix is symmetric with a zero diagonal, and nearest lists are ordered", "[similarity]") {
    LineMetric metric;
    const auto matrix = DistanceMatrix::compute(metric, "line", points({0.0, 1.0, 3.0, 7.0}), 2);
    CHECK(matrix.at(1, 3) == 6.0f);
    CHECK(matrix.at(3, 1) == 6.0f);
    CHECK(matrix.at(2, 2) == 0.0f);
    CHECK(matrix.nearest(0, 2, [](std::size_t) { return true; }) == std::vector<std::size_t>{1, 2});
    CHECK(matrix.nearest(0, 9, [](std::size_t j) { return j != 1; }) == std::vector<std::size_t>{2, 3});
}

TEST_CASE("a metric giving a negative or non-finite distance is reported, not used", "[similarity]") {
    LineMetric metric;
    metric.scale = -1.0;
    CHECK_THROWS_WITH(DistanceMatrix::compute(metric, "line", points({0.0, 1.0}), 1), Catch::Contains("similarity metric line: ") && Catch::Contains("must be finite and >= 0"));
    metric.scale = std::nan("");
    CHECK_THROWS_AS(DistanceMatrix::compute(metric, "line", points({0.0, 1.0}), 1), Error);
}

TEST_CASE("mutual proximity is symmetric, in [0, 1], and takes a hub out of everyone's nearest lists",
          "[similarity]") {
    // A dense cluster near 0 and a sparse one; 0.5 sits between and is everyone's neighbour.
    LineMetric metric;
    const auto raw = DistanceMatrix::compute(metric, "line", points({-0.3, -0.2, -0.1, 0.5, 1.1, 2.0, 3.0, 4.5}), 1);
    const auto normalised = raw.mutual_proximity();
    for (std::size_t i = 0; i < normalised.size(); ++i) {
        for (std::size_t j = 0; j < normalised.size(); ++j) {
            CHECK(normalised.at(i, j) == normalised.at(j, i));
            CHECK(normalised.at(i, j) >= 0.0f);
            CHECK(normalised.at(i, j) <= 1.0f);
        }
    }
    CHECK(hubness(normalised, 2).largest <= hubness(raw, 2).largest);
}

TEST_CASE("leave-one-out k-NN accuracy, precision@k and the artist filter, counted by hand", "[similarity]") {
    LineMetric metric;
    // a a a | b b b, the last 'a' sits among the b's. Ties go to the lower index.
    const auto matrix = DistanceMatrix::compute(metric, "line", points({0.0, 1.0, 2.0, 10.0, 11.0, 12.0, 10.5}), 1);
    const std::vector<std::string> labels{"a", "a", "a", "b", "b", "b", "a"};
    const auto scores = leave_one_out_scores(matrix, labels, {}, 1);
    CHECK(scores.tracks == 7);
    // Right: 0 -> 1, 1 -> 0, 2 -> 1, 12 -> 11. Wrong: 10 -> 10.5, 11 -> 10.5, 10.5 -> 10.
    CHECK(scores.accuracy == Approx(4.0 / 7.0));
    CHECK(scores.precision_at_k == Approx(4.0 / 7.0));
    const std::vector<double> agreement{1, 1, 1, 0, 0, 1, 0};
    const std::vector<std::string> voted_for{"a", "a", "a", "a", "a", "b", "b"};
    REQUIRE(scores.votes.size() == 7);
    for (std::size_t q = 0; q < 7; ++q) {
        CHECK(scores.votes[q].query == q);
        CHECK(scores.votes[q].label == voted_for[q]);
        CHECK(scores.votes[q].agreement == agreement[q]);
    }
    const auto intervals = intervals_of(scores, {});
    CHECK(intervals.accuracy.low == Approx(0.18405157).margin(1e-6));  // SciPy, 4 of 7 exact
    CHECK(intervals.accuracy.high == Approx(0.90101172).margin(1e-6));
    CHECK(intervals.precision_at_k.low < 4.0 / 7.0);
    CHECK(intervals.precision_at_k.high > 4.0 / 7.0);
    // One artist made all three a's at 0, 1, 2: without same-artist neighbours they find b's.
    const std::vector<std::string> artists{"x", "x", "x", "z", "y", "w", "v"};
    const auto filtered = leave_one_out_scores(matrix, labels, artists, 1);
    CHECK(filtered.tracks == 7);
    CHECK(filtered.accuracy == Approx(1.0 / 7.0));  // only 12 -> 11 is right
    const auto by_artist = intervals_of(scores, artists);
    CHECK(by_artist.groups == 5);
    CHECK(by_artist.accuracy.low <= intervals.accuracy.low);
    CHECK(by_artist.accuracy.high >= intervals.accuracy.high);
    CHECK(intervals.groups == 0);
    const auto three = leave_one_out_scores(matrix, labels, {}, 3);
    // 10.5 -> 10, 11, 12: b b b; 11 -> 10.5, 10, 12: a b b (majority b, precision 2/3).
    CHECK(three.accuracy == Approx(6.0 / 7.0));
}

TEST_CASE("hubness: skewness of the k-occurrences and the share of tracks in no list", "[similarity]") {
    LineMetric metric;
    const auto matrix = DistanceMatrix::compute(metric, "line", points({0.0, 1.0, 2.0, 3.0}), 1);
    const auto figures = hubness(matrix, 1);
    // Nearest of 0 is 1, of 1 is 0 (tie broken by index), of 2 is 1, of 3 is 2: counts 1, 2, 1, 0.
    CHECK(figures.largest == 2);
    CHECK(figures.orphan_share == Approx(0.25));
    CHECK(figures.skewness == Approx(0.0).margin(1e-12));
}
