// SPDX-License-Identifier: GPL-3.0-or-later
// Fitting a similarity mix: on collections where one metric knows the labels and another is
// noise, the fit must weigh the knowing metric above the noise and score at least as well as
// equal weights; the fit is deterministic, and a mix without a positive weight is refused.
#include <catch2/catch.hpp>

#include <random>

#include "similarity/weight_fitting.hpp"
#include "timbre/error.hpp"

using namespace timbre;
using namespace timbre::host;

namespace {

// 24 tracks of two labels; "knows" puts same-label tracks near (with a little jitter that
// sometimes crosses over), "noise" is random.
LabelledCollection collection(unsigned seed) {
    std::mt19937 generator(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    LabelledCollection result;
    result.name = "synthetic " + std::to_string(seed);
    constexpr std::size_t kTracks = 24;
    for (std::size_t i = 0; i < kTracks; ++i) {
        result.labels.push_back(i % 2 == 0 ? "even" : "odd");
    }
    std::vector<double> jitter(kTracks * kTracks), noise(kTracks * kTracks);
    for (auto& value : jitter) {
        value = uniform(generator);
    }
    for (auto& value : noise) {
        value = uniform(generator);
    }
    const auto cell = [&](const std::vector<double>& values, std::size_t i, std::size_t j) {
        return values[std::min(i, j) * kTracks + std::max(i, j)];
    };
    const auto knows = DistanceMatrix::tabulate(kTracks, [&](std::size_t i, std::size_t j) {
        return (result.labels[i] == result.labels[j] ? 0.3 : 0.6) + 0.5 * cell(jitter, i, j);
    });
    const auto random = DistanceMatrix::tabulate(kTracks, [&](std::size_t i, std::size_t j) { return cell(noise, i, j); });
    result.normalised.emplace("knows", knows.mutual_proximity());
    result.normalised.emplace("noise", random.mutual_proximity());
    return result;
}

}  // namespace

TEST_CASE("a fitted mix weighs the metric that knows the labels above noise", "[similarity]") {
    const LabelledCollection first = collection(1), second = collection(2);
    const std::vector<std::string> metrics{"knows", "noise"};
    const std::vector<double> grid{0.0, 0.5, 1.0, 2.0};
    const FittedMix fitted = fit_mix(metrics, {&first, &second}, grid, 5);
    CHECK(fitted.weights.at("knows") > fitted.weights.at("noise"));
    const MetricMix equal{{"knows", 1.0}, {"noise", 1.0}};
    const double equal_objective = (mix_score(first, equal, 5) + mix_score(second, equal, 5)) / 2.0;
    CHECK(fitted.objective > equal_objective);
    CHECK(fitted.objective == Approx((mix_score(first, fitted.weights, 5) + mix_score(second, fitted.weights, 5)) / 2.0));
    // Noise alone knows nothing: its precision is near chance (11 of 23 others share a label).
    CHECK(mix_score(first, {{"knows", 0.0}, {"noise", 1.0}}, 5) < fitted.objective);

    const FittedMix again = fit_mix(metrics, {&first, &second}, grid, 5);
    CHECK(again.weights == fitted.weights);
}

TEST_CASE("a mix needs a positive weight, and every metric it weighs", "[similarity]") {
    const LabelledCollection first = collection(3);
    CHECK_THROWS_WITH(mix_score(first, {{"knows", 0.0}, {"noise", 0.0}}, 5),
                      Catch::Contains("at least one positive weight"));
    CHECK_THROWS_WITH(mix_score(first, {{"tempo", 1.0}}, 5), Catch::Contains("no distances of metric 'tempo'"));
    const FittedMix only_zero_or_one = fit_mix({"knows", "noise"}, {&first}, {0.0, 1.0}, 5);
    CHECK(only_zero_or_one.weights.at("knows") == 1.0);
}
