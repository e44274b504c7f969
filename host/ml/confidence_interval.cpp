// SPDX-License-Identifier: GPL-3.0-or-later
// The binomial figures come from Boost.Math (its Clopper-Pearson bounds are the beta
// quantiles R's binom.test and SciPy's binomtest print); the bootstrap's percentiles are
// interpolated between order statistics as NumPy's percentile does by default.
#include "ml/confidence_interval.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <random>
#include <sstream>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr std::uint64_t kBootstrapSeed = 20261207;

double percentile(const std::vector<double>& sorted, double share) {
    const double position = share * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(position);
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double weight = position - static_cast<double>(below);
    return sorted[below] + weight * (sorted[above] - sorted[below]);
}

}  // namespace

ConfidenceInterval exact_share_interval(std::size_t successes, std::size_t trials) {
    if (trials == 0 || successes > trials) {
        throw Error("a share's interval needs at least one trial and no more successes (" + std::to_string(successes) +
                    ") than trials (" + std::to_string(trials) + ")");
    }
    using Binomial = boost::math::binomial_distribution<double>;
    const double tail = (1.0 - kConfidenceLevel) / 2.0;
    const auto n = static_cast<double>(trials), k = static_cast<double>(successes);
    return {Binomial::find_lower_bound_on_p(n, k, tail), Binomial::find_upper_bound_on_p(n, k, tail)};
}

double chance_of_at_least(std::size_t successes, std::size_t trials, double baseline_rate) {
    if (successes == 0) {
        return 1.0;
    }
    const boost::math::binomial_distribution<double> chance(static_cast<double>(trials), baseline_rate);
    return boost::math::cdf(boost::math::complement(chance, static_cast<double>(successes - 1)));
}

std::string p_value_text(double p) {
    if (p < 1e-300) {
        return "p < 1e-300";
    }
    std::ostringstream text;
    text.precision(2);
    text << "p = " << p;
    return text.str();
}

ConfidenceInterval bootstrap_interval(std::size_t examples, const ResampledStatistic& statistic) {
    if (examples == 0) {
        throw Error("a bootstrap interval needs at least one example");
    }
    std::mt19937_64 random(kBootstrapSeed);
    std::uniform_int_distribution<std::size_t> pick(0, examples - 1);
    std::vector<std::size_t> sample(examples);
    std::vector<double> values;
    values.reserve(kBootstrapResamples);
    for (std::size_t resample = 0; resample < kBootstrapResamples; ++resample) {
        std::generate(sample.begin(), sample.end(), [&] { return pick(random); });
        const double value = statistic(sample);
        if (std::isfinite(value)) {
            values.push_back(value);
        }
    }
    if (values.empty()) {
        throw Error("no resample of the " + std::to_string(examples) + " examples gives the figure a value");
    }
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - kConfidenceLevel) / 2.0;
    return {percentile(values, tail), percentile(values, 1.0 - tail)};
}

ConfidenceInterval mean_interval(std::span<const double> values) {
    return bootstrap_interval(values.size(), [&](std::span<const std::size_t> sample) {
        double sum = 0.0;
        for (std::size_t index : sample) {
            sum += values[index];
        }
        return sum / static_cast<double>(sample.size());
    });
}

}  // namespace timbre::host
