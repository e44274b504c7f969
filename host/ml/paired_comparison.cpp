// SPDX-License-Identifier: GPL-3.0-or-later
// Both tests look only at the examples where one model did better than the other: of the n
// such examples the first has b; if both models were equally good, b would be Binomial(n,
// 1/2), and the two-sided p-value is twice the smaller tail (at most 1), as SciPy's
// binomtest computes it for p = 1/2. For classifiers (and taggers' exact sets) this is
// McNemar's exact test, for regressors the sign test on which estimate is closer.
#include "ml/paired_comparison.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

std::string truth_text(const std::string& label) { return "'" + label + "'"; }

std::string truth_text(double target) {
    std::ostringstream text;
    text.precision(17);
    text << target;
    return text.str();
}

std::string truth_text(const std::vector<std::string>& tags) {
    std::string text;
    for (const auto& tag : tags) {
        text += (text.empty() ? "" : " + ") + tag;
    }
    return "'" + text + "'";
}

template <typename Answer>
std::map<std::string, const Answer*> by_example(const std::vector<Answer>& answers, const char* which) {
    std::map<std::string, const Answer*> found;
    for (const auto& answer : answers) {
        if (answer.example.key.empty()) {
            throw Error(std::string("the ") + which + " report has an answer without an example identity (" +
                        answer.example.origin + "): it cannot be paired");
        }
        if (!found.emplace(answer.example.key, &answer).second) {
            throw Error(std::string("the ") + which + " report answers example " + answer.example.origin + " twice");
        }
    }
    return found;
}

// The two reports' answers to each example both hold, in the order of the examples'
// identities, so that a comparison does not depend on the order the reports list them in;
// and what a bootstrap over them draws: the first report's groups.
template <typename Answer>
struct Pairing {
    std::vector<std::pair<const Answer*, const Answer*>> pairs;
    SharedExamples examples;
    ResamplingUnits units;
};

template <typename Answer>
Pairing<Answer> pair_by_example(const std::vector<Answer>& first, const std::vector<Answer>& second) {
    const auto first_answers = by_example(first, "first"), second_answers = by_example(second, "second");
    Pairing<Answer> pairing;
    for (const auto& [example, answer] : first_answers) {
        const auto other = second_answers.find(example);
        if (other == second_answers.end()) {
            ++pairing.examples.only_in_first;
            continue;
        }
        if (answer->truth != other->second->truth) {
            throw Error("example " + answer->example.origin + " is " + truth_text(answer->truth) +
                        " in the first report and " + truth_text(other->second->truth) +
                        " in the second: the reports score different targets");
        }
        pairing.pairs.emplace_back(answer, other->second);
    }
    pairing.examples.shared = pairing.pairs.size();
    pairing.examples.only_in_second = second_answers.size() - pairing.pairs.size();
    if (pairing.pairs.empty()) {
        throw Error("the two reports share no held-out example: they were scored on different data");
    }
    std::vector<std::string> groups;
    for (const auto& [answer, other] : pairing.pairs) {
        groups.push_back(answer->example.group);
    }
    pairing.units = ResamplingUnits::by_group(groups);
    return pairing;
}

void count(RightCounts& counts, bool first_right, bool second_right) {
    counts.both += first_right && second_right;
    counts.first_only += first_right && !second_right;
    counts.second_only += !first_right && second_right;
    counts.neither += !first_right && !second_right;
}

double equal_split_p_value(std::size_t first_better, std::size_t second_better) {
    const std::size_t split = first_better + second_better;
    if (split == 0) {
        return 1.0;
    }
    const boost::math::binomial_distribution<double> equally_good(static_cast<double>(split), 0.5);
    const auto fewer = static_cast<double>(std::min(first_better, second_better));
    return std::min(1.0, 2.0 * boost::math::cdf(equally_good, fewer));
}

}  // namespace

PairedComparison compare_answers(const std::vector<ExampleAnswer>& first, const std::vector<ExampleAnswer>& second) {
    const auto pairing = pair_by_example(first, second);
    PairedComparison comparison{.examples = pairing.examples};
    std::vector<int> gain;  // per example: +1 only the second right, -1 only the first, else 0
    for (const auto& [answer, other] : pairing.pairs) {
        const bool first_right = answer->predicted == answer->truth, second_right = other->predicted == other->truth;
        count(comparison.right, first_right, second_right);
        gain.push_back(static_cast<int>(second_right) - static_cast<int>(first_right));
    }
    comparison.accuracy_gain = bootstrap_interval(pairing.units, [&](std::span<const std::size_t> sample) {
        double sum = 0.0;
        for (std::size_t i : sample) {
            sum += gain[i];
        }
        return sum / static_cast<double>(sample.size());
    });
    comparison.interval_groups = pairing.units.groups();
    comparison.p_value = equal_split_p_value(comparison.right.first_only, comparison.right.second_only);
    return comparison;
}

PairedEstimates compare_estimates(const std::vector<EstimateAnswer>& first, const std::vector<EstimateAnswer>& second) {
    const auto pairing = pair_by_example(first, second);
    PairedEstimates comparison{.examples = pairing.examples};
    const auto shared = static_cast<double>(pairing.examples.shared);
    std::vector<double> truth, first_estimates, second_estimates;
    for (const auto& [answer, other] : pairing.pairs) {
        const double first_error = std::abs(answer->predicted - answer->truth);
        const double second_error = std::abs(other->predicted - other->truth);
        comparison.first_closer += first_error < second_error;
        comparison.second_closer += second_error < first_error;
        comparison.equally_close += first_error == second_error;
        comparison.first_mae += first_error / shared;
        comparison.second_mae += second_error / shared;
        truth.push_back(answer->truth);
        first_estimates.push_back(answer->predicted);
        second_estimates.push_back(other->predicted);
    }
    std::vector<std::size_t> every_example(pairing.examples.shared);
    std::iota(every_example.begin(), every_example.end(), std::size_t{0});
    comparison.first_r2 = r_squared(truth, first_estimates, every_example);
    comparison.second_r2 = r_squared(truth, second_estimates, every_example);
    if (!std::isfinite(comparison.first_r2)) {
        throw Error("the " + std::to_string(pairing.examples.shared) +
                    " examples the reports share all have the same target: R² is undefined on them");
    }
    comparison.interval_groups = pairing.units.groups();
    comparison.r2_gain = bootstrap_interval(pairing.units, [&](std::span<const std::size_t> sample) {
        return r_squared(truth, second_estimates, sample) - r_squared(truth, first_estimates, sample);
    });
    comparison.p_value = equal_split_p_value(comparison.first_closer, comparison.second_closer);
    return comparison;
}

PairedTags compare_tags(const std::vector<TagAnswer>& first, const std::vector<TagAnswer>& second) {
    const auto pairing = pair_by_example(first, second);
    PairedTags comparison{.examples = pairing.examples};
    std::vector<TagDecisions> first_decisions, second_decisions;
    for (const auto& [answer, other] : pairing.pairs) {
        count(comparison.exact, answer->predicted == answer->truth, other->predicted == other->truth);
        first_decisions.push_back(decisions_of(*answer));
        second_decisions.push_back(decisions_of(*other));
    }
    std::vector<std::size_t> every_example(pairing.examples.shared);
    std::iota(every_example.begin(), every_example.end(), std::size_t{0});
    comparison.first_micro_f1 = micro_f1(first_decisions, every_example);
    comparison.second_micro_f1 = micro_f1(second_decisions, every_example);
    comparison.interval_groups = pairing.units.groups();
    comparison.micro_f1_gain = bootstrap_interval(pairing.units, [&](std::span<const std::size_t> sample) {
        return micro_f1(second_decisions, sample) - micro_f1(first_decisions, sample);
    });
    comparison.p_value = equal_split_p_value(comparison.exact.first_only, comparison.exact.second_only);
    return comparison;
}

}  // namespace timbre::host
