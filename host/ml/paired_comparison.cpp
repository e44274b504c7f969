// SPDX-License-Identifier: GPL-3.0-or-later
// McNemar's exact test: of the n examples exactly one model gets right, the first gets b;
// if both models were equally good, b would be Binomial(n, 1/2), and the two-sided p-value
// is twice the smaller tail (at most 1), as SciPy's binomtest computes it for p = 1/2.
#include "ml/paired_comparison.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <map>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

std::map<std::string, const ExampleAnswer*> by_example(const std::vector<ExampleAnswer>& answers, const char* which) {
    std::map<std::string, const ExampleAnswer*> found;
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

}  // namespace

PairedComparison compare_answers(const std::vector<ExampleAnswer>& first, const std::vector<ExampleAnswer>& second) {
    const auto first_answers = by_example(first, "first"), second_answers = by_example(second, "second");
    PairedComparison comparison;
    for (const auto& [example, answer] : first_answers) {
        const auto other = second_answers.find(example);
        if (other == second_answers.end()) {
            ++comparison.only_in_first;
            continue;
        }
        if (answer->truth != other->second->truth) {
            throw Error("example " + answer->example.origin + " is '" + answer->truth + "' in the first report and '" +
                        other->second->truth + "' in the second: the reports score different labels");
        }
        const bool first_right = answer->predicted == answer->truth;
        const bool second_right = other->second->predicted == other->second->truth;
        ++comparison.shared;
        comparison.both_right += first_right && second_right;
        comparison.first_only_right += first_right && !second_right;
        comparison.second_only_right += !first_right && second_right;
        comparison.neither_right += !first_right && !second_right;
    }
    comparison.only_in_second = second_answers.size() - comparison.shared;
    if (comparison.shared == 0) {
        throw Error("the two reports share no held-out example: they were scored on different data");
    }
    const std::size_t disagreements = comparison.first_only_right + comparison.second_only_right;
    if (disagreements > 0) {
        const boost::math::binomial_distribution<double> equally_good(static_cast<double>(disagreements), 0.5);
        const auto fewer = static_cast<double>(std::min(comparison.first_only_right, comparison.second_only_right));
        comparison.p_value = std::min(1.0, 2.0 * boost::math::cdf(equally_good, fewer));
    }
    return comparison;
}

}  // namespace timbre::host
