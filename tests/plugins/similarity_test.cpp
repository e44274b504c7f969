// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in similarity metrics keep the properties they claim: zero for identical
// signatures, symmetry, non-negativity, the triangle inequality for the Euclidean metric;
// the Gaussian divergences match their closed forms on one dimension; the musical metric
// folds tempo octaves and walks the Camelot wheel; the embeddings an index searches rank
// pairs as the distances do.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "support/plugin_harness.hpp"
#include "timbre/music/key_wheel.hpp"
#include "timbre/music/tempo_octaves.hpp"
#include "timbre/similarity.hpp"

using namespace timbre;

namespace {
// `count` frames of `bins` bins drawn around `centre` with deviation `spread`.
Frames random_frames(std::size_t count, std::size_t bins, double centre, double spread, unsigned seed) {
    std::mt19937 engine(seed);
    std::normal_distribution<double> normal(centre, spread);
    std::vector<float> data(count * bins);
    for (float& value : data) {
        value = static_cast<float>(normal(engine));
    }
    return Frames(count, bins, 0.02, std::move(data));
}

Vector signature(test::BuiltinPlugin& plugin, const std::string& port, Value value) {
    return test::BuiltinPlugin::get<Vector>(plugin.run(port, std::move(value)), kSignaturePort);
}
}  // namespace

TEST_CASE("Gaussian divergences are zero for a track against itself, symmetric and positive otherwise",
          "[plugins][similarity]") {
    for (const char* divergence : {"jensen_shannon", "jensen_shannon_distance", "symmetric_kl"}) {
        INFO(divergence);
        test::BuiltinPlugin gaussian("timbre.gaussian_similarity", {{"divergence", std::string(divergence)}});
        auto& metric = gaussian.as<SimilarityMetric>();
        const Vector a = signature(gaussian, "mfcc", random_frames(400, 13, 0.0, 1.0, 1));
        const Vector b = signature(gaussian, "mfcc", random_frames(400, 13, 0.5, 2.0, 2));
        const Vector c = signature(gaussian, "mfcc", random_frames(400, 13, 0.0, 1.0, 3));
        CHECK(a.size() == 12 + 12 * 13 / 2 + 1);  // c0 left out: 12 means, 78 covariances, log det
        CHECK(metric.distance(a, a) == Approx(0.0).margin(1e-9));
        CHECK(metric.distance(a, b) == Approx(metric.distance(b, a)));
        CHECK(metric.distance(a, b) > 0.0);
        CHECK(metric.distance(a, c) < metric.distance(a, b));  // same distribution is nearer
        CHECK(metric.space() == MetricSpace::divergence);
    }
}

TEST_CASE("Gaussian divergences match their closed forms in one dimension", "[plugins][similarity]") {
    // Frames alternating m - 1 and m + 1: sample mean m, sample variance n / (n - 1).
    const auto alternating = [](double mean) {
        std::vector<float> data;
        for (int f = 0; f < 100; ++f) {
            data.push_back(0.0f);  // c0, left out
            data.push_back(static_cast<float>(mean + (f % 2 ? 1.0 : -1.0)));
        }
        return Frames(100, 2, 0.02, std::move(data));
    };
    const double variance = 100.0 / 99.0 * (1.0 + 1e-6);  // with the ridge
    test::BuiltinPlugin js("timbre.gaussian_similarity");
    test::BuiltinPlugin kl("timbre.gaussian_similarity", {{"divergence", std::string("symmetric_kl")}});
    test::BuiltinPlugin js_distance("timbre.gaussian_similarity",
                                    {{"divergence", std::string("jensen_shannon_distance")}});
    const Vector p = signature(js, "mfcc", alternating(0.0)), q = signature(js, "mfcc", alternating(2.0));
    // Mixture variance σ² + Δ²/4; JS = ½ log(σ² + 1) − ½ log σ² for Δ = 2, and Musly's distance its root.
    const double divergence = 0.5 * std::log((variance + 1.0) / variance);
    CHECK(js.as<SimilarityMetric>().distance(p, q) == Approx(divergence).epsilon(1e-4));
    CHECK(js_distance.as<SimilarityMetric>().distance(p, q) == Approx(std::sqrt(divergence)).epsilon(1e-4));
    // KL(p‖q) + KL(q‖p) = Δ² / σ² for equal variances.
    CHECK(kl.as<SimilarityMetric>().distance(p, q) == Approx(4.0 / variance).epsilon(1e-4));
}

TEST_CASE("a Gaussian signature of another size is refused, naming why", "[plugins][similarity]") {
    test::BuiltinPlugin gaussian("timbre.gaussian_similarity");
    const Vector small = signature(gaussian, "mfcc", random_frames(100, 5, 0.0, 1.0, 1));
    const Vector large = signature(gaussian, "mfcc", random_frames(100, 9, 0.0, 1.0, 1));
    CHECK_THROWS_WITH(gaussian.as<SimilarityMetric>().distance(small, large), Catch::Contains("different sizes"));
    CHECK_THROWS_WITH(signature(gaussian, "mfcc", random_frames(5, 13, 0.0, 1.0, 1)), Catch::Contains("more than"));
}

TEST_CASE("standardised Euclidean distance is a metric that no unit of one dimension dominates",
          "[plugins][similarity]") {
    test::BuiltinPlugin vectors("timbre.vector_similarity");
    auto& metric = vectors.as<SimilarityMetric>();
    std::mt19937 engine(7);
    std::normal_distribution<double> normal;
    std::vector<Vector> library, scaled;
    for (int i = 0; i < 30; ++i) {
        const double x = normal(engine), y = normal(engine), z = normal(engine);
        library.emplace_back(std::vector<std::string>{"x", "y", "z", "constant"}, std::vector<double>{x, y, z, 5.0});
        scaled.emplace_back(std::vector<std::string>{"x", "y", "z", "constant"}, std::vector<double>{x * 1000.0, y, z, 5.0});
    }
    std::vector<const Vector*> pointers;
    for (const auto& v : library) pointers.push_back(&v);
    metric.fit(pointers);
    std::vector<double> distances;
    for (int i = 0; i < 30; ++i) {
        CHECK(metric.distance(library[i], library[i]) == 0.0);
        for (int j = 0; j < 30; ++j) {
            CHECK(metric.distance(library[i], library[j]) == Approx(metric.distance(library[j], library[i])));
            for (int k = 0; k < 30; k += 7) {
                CHECK(metric.distance(library[i], library[j]) <=
                      metric.distance(library[i], library[k]) + metric.distance(library[k], library[j]) + 1e-9);
            }
        }
        distances.push_back(metric.distance(library[0], library[i]));
    }
    std::vector<const Vector*> scaled_pointers;
    for (const auto& v : scaled) scaled_pointers.push_back(&v);
    metric.fit(scaled_pointers);
    for (int i = 0; i < 30; ++i) {
        CHECK(metric.distance(scaled[0], scaled[i]) == Approx(distances[i]).margin(1e-6));
    }
}

TEST_CASE("the musical metric hears 70 and 140 BPM as one tempo, and relative keys as near", "[plugins][similarity]") {
    test::BuiltinPlugin musical("timbre.descriptor_similarity");
    auto& metric = musical.as<SimilarityMetric>();
    const auto track = [&](double bpm, const std::string& key) {
        return test::BuiltinPlugin::get<Vector>(
            musical.run({{"tempo", Vector({"bpm", "confidence"}, {bpm, 1.0})}, {"key", Text{key}}}), kSignaturePort);
    };
    const std::vector<Vector> library{track(70, "A minor"), track(140, "A minor"), track(100, "A minor"),
                                      track(70, "C major"), track(70, "D# minor"), track(120, "E minor")};
    std::vector<const Vector*> pointers;
    for (const auto& v : library) pointers.push_back(&v);
    metric.fit(pointers);
    CHECK(metric.distance(library[0], library[1]) == Approx(0.0).margin(1e-12));  // an octave apart
    CHECK(metric.distance(library[0], library[2]) > 0.0);
    CHECK(metric.distance(library[0], library[3]) < metric.distance(library[0], library[4]));  // relative < tritone
}

TEST_CASE("the Camelot wheel places keys as DJs read them", "[sdk][similarity]") {
    CHECK(music::camelot_key("C major")->code() == "8B");
    CHECK(music::camelot_key("A minor")->code() == "8A");
    CHECK(music::camelot_key("G major")->code() == "9B");
    CHECK(music::camelot_key("Bb major")->code() == "6B");
    CHECK(music::camelot_key("F# minor")->code() == "11A");
    CHECK_FALSE(music::camelot_key("H major"));
    CHECK_FALSE(music::camelot_key(""));
    CHECK(music::wheel_steps(*music::camelot_key("A minor"), *music::camelot_key("C major")) == 1);
    CHECK(music::wheel_steps(*music::camelot_key("A minor"), *music::camelot_key("E minor")) == 1);
    CHECK(music::wheel_steps(*music::camelot_key("C major"), *music::camelot_key("F# major")) == 6);
}

TEST_CASE("tempo octaves fold: a doubling is no distance, a ratio of √2 the most", "[sdk][similarity]") {
    CHECK(music::folded_octaves(std::log2(140.0 / 70.0)) == Approx(0.0).margin(1e-12));
    CHECK(music::folded_octaves(std::log2(60.0 / 240.0)) == Approx(0.0).margin(1e-12));
    CHECK(music::folded_octaves(0.5) == Approx(0.5));
    CHECK(music::folded_octaves(-1.1) == Approx(0.1));
}

// Spearman's rank correlation of two equally long lists.
namespace {
double rank_correlation(const std::vector<double>& x, const std::vector<double>& y) {
    const auto ranks = [](const std::vector<double>& v) {
        std::vector<std::size_t> order(v.size());
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
        std::vector<double> rank(v.size());
        for (std::size_t r = 0; r < order.size(); ++r) {
            rank[order[r]] = static_cast<double>(r);
        }
        return rank;
    };
    const auto rx = ranks(x), ry = ranks(y);
    double d2 = 0.0;
    for (std::size_t i = 0; i < rx.size(); ++i) {
        d2 += (rx[i] - ry[i]) * (rx[i] - ry[i]);
    }
    const auto n = static_cast<double>(rx.size());
    return 1.0 - 6.0 * d2 / (n * (n * n - 1.0));
}

double squared_gap(const std::vector<float>& a, const std::vector<float>& b) {
    double sum = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        sum += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return sum;
}
}  // namespace

TEST_CASE("the Gaussian and musical embeddings rank pairs as their distances do", "[plugins][similarity]") {
    // Twenty tracks of varied timbre; every pair's divergence against its embedding gap. The
    // index only finds candidates with the embedding, so a high rank correlation is the claim.
    test::BuiltinPlugin gaussian("timbre.gaussian_similarity", {});
    auto& metric = gaussian.as<SimilarityMetric>();
    std::vector<Vector> tracks;
    for (unsigned t = 0; t < 20; ++t) {
        tracks.push_back(signature(gaussian, "mfcc", random_frames(300, 8, 0.3 * (t % 5), 0.6 + 0.15 * (t % 7), 100 + t)));
    }
    std::vector<const Vector*> library;
    for (const auto& track : tracks) {
        library.push_back(&track);
    }
    metric.fit(library);
    std::vector<double> divergences, gaps;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
        for (std::size_t j = i + 1; j < tracks.size(); ++j) {
            divergences.push_back(metric.distance(tracks[i], tracks[j]));
            gaps.push_back(squared_gap(metric.embed(tracks[i]), metric.embed(tracks[j])));
        }
    }
    CHECK(metric.embed(tracks[0]).size() == 7 + 7 * 8 / 2);
    CHECK(rank_correlation(divergences, gaps) > 0.9);

    test::BuiltinPlugin musical("timbre.descriptor_similarity", {});
    auto& descriptors = musical.as<SimilarityMetric>();
    std::vector<Vector> songs;
    std::mt19937 engine(5);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int s = 0; s < 30; ++s) {
        songs.push_back(Vector({"log2_bpm", "camelot_number", "camelot_major", "loudness_lufs", "descriptor_energy"},
                               {std::log2(70.0 + 100.0 * unit(engine)), std::floor(1.0 + 12.0 * unit(engine)) - (s % 6 == 0 ? 1.0 : 0.0),
                                unit(engine) > 0.5 ? 1.0 : 0.0, -20.0 + 12.0 * unit(engine), unit(engine)}));
    }
    std::vector<const Vector*> set;
    for (const auto& song : songs) {
        set.push_back(&song);
    }
    descriptors.fit(set);
    divergences.clear();
    gaps.clear();
    for (std::size_t i = 0; i < songs.size(); ++i) {
        for (std::size_t j = i + 1; j < songs.size(); ++j) {
            divergences.push_back(descriptors.distance(songs[i], songs[j]));
            gaps.push_back(squared_gap(descriptors.embed(songs[i]), descriptors.embed(songs[j])));
        }
    }
    CHECK(rank_correlation(divergences, gaps) > 0.85);
}
