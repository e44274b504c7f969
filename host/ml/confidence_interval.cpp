// SPDX-License-Identifier: GPL-3.0-or-later
// The binomial figures come from Boost.Math (its Clopper-Pearson bounds are the beta
// quantiles R's binom.test and SciPy's binomtest print); the bootstrap's percentiles are
// interpolated between order statistics as NumPy's percentile does by default.
#include "ml/confidence_interval.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <map>
#include <random>
#include <sstream>
#include <string_view>

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

ResamplingUnits ResamplingUnits::each_example(std::size_t examples) {
    ResamplingUnits units;
    units.examples_ = examples;
    for (std::size_t i = 0; i < examples; ++i) {
        units.units_.push_back({i});
    }
    return units;
}

ResamplingUnits ResamplingUnits::by_group(std::span<const std::string> groups) {
    ResamplingUnits units;
    units.examples_ = groups.size();
    std::map<std::string_view, std::size_t> unit_of_group;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (groups[i].empty()) {
            units.units_.push_back({i});
            continue;
        }
        const auto [it, added] = unit_of_group.emplace(groups[i], units.units_.size());
        if (added) {
            units.units_.emplace_back();
        }
        units.units_[it->second].push_back(i);
    }
    return units;
}

ConfidenceInterval bootstrap_interval(const ResamplingUnits& units, const ResampledStatistic& statistic) {
    if (units.examples() == 0) {
        throw Error("a bootstrap interval needs at least one example");
    }
    std::mt19937_64 random(kBootstrapSeed);
    std::uniform_int_distribution<std::size_t> pick(0, units.units().size() - 1);
    std::vector<std::size_t> sample;
    std::vector<double> values;
    values.reserve(kBootstrapResamples);
    for (std::size_t resample = 0; resample < kBootstrapResamples; ++resample) {
        sample.clear();
        for (std::size_t drawn = 0; drawn < units.units().size(); ++drawn) {
            const auto& unit = units.units()[pick(random)];
            sample.insert(sample.end(), unit.begin(), unit.end());
        }
        const double value = statistic(sample);
        if (std::isfinite(value)) {
            values.push_back(value);
        }
    }
    if (values.empty()) {
        throw Error("no resample of the " + std::to_string(units.examples()) + " examples gives the figure a value");
    }
    std::sort(values.begin(), values.end());
    const double tail = (1.0 - kConfidenceLevel) / 2.0;
    return {percentile(values, tail), percentile(values, 1.0 - tail)};
}

ConfidenceInterval mean_interval(std::span<const double> values, const ResamplingUnits& units) {
    return bootstrap_interval(units, [&](std::span<const std::size_t> sample) {
        double sum = 0.0;
        for (std::size_t index : sample) {
            sum += values[index];
        }
        return sum / static_cast<double>(sample.size());
    });
}

ConfidenceInterval share_interval(const std::vector<bool>& right, const ResamplingUnits& units) {
    const auto successes = static_cast<std::size_t>(std::count(right.begin(), right.end(), true));
    const ConfidenceInterval exact = exact_share_interval(successes, right.size());
    if (!units.grouped()) {
        return exact;
    }
    const ConfidenceInterval resampled = bootstrap_interval(units, [&](std::span<const std::size_t> sample) {
        const auto hits = std::count_if(sample.begin(), sample.end(), [&](std::size_t i) { return right[i]; });
        return static_cast<double>(hits) / static_cast<double>(sample.size());
    });
    return {std::min(exact.low, resampled.low), std::max(exact.high, resampled.high)};
}

}  // namespace timbre::host
