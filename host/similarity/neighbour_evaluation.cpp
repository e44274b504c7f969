// SPDX-License-Identifier: GPL-3.0-or-later
// Skewness is the sample's third standardised moment, as scikit-hubness and Schnitzer et al.
// report it.
#include "similarity/neighbour_evaluation.hpp"

#include <cmath>
#include <map>

namespace timbre::host {

NeighbourScores leave_one_out_scores(const DistanceMatrix& distances, const std::vector<std::string>& labels,
                                     const std::vector<std::string>& groups, std::size_t k) {
    NeighbourScores scores;
    double precision = 0.0;
    for (std::size_t query = 0; query < distances.size(); ++query) {
        const auto neighbours = distances.nearest(query, k, [&](std::size_t j) {
            return groups.empty() || groups[j] != groups[query];
        });
        if (neighbours.size() < k || k == 0) {
            continue;
        }
        std::map<std::string, std::pair<std::size_t, std::size_t>> votes;  // label -> (count, rank of nearest)
        std::size_t same = 0;
        for (std::size_t rank = 0; rank < neighbours.size(); ++rank) {
            const std::string& label = labels[neighbours[rank]];
            auto [it, added] = votes.emplace(label, std::pair{std::size_t{0}, rank});
            ++it->second.first;
            same += label == labels[query];
        }
        const auto winner = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
            return a.second.first < b.second.first ||
                   (a.second.first == b.second.first && a.second.second > b.second.second);
        });
        const bool right = winner->first == labels[query];
        scores.correct += right;
        scores.votes.push_back({query, winner->first, right, static_cast<double>(same) / static_cast<double>(k)});
        precision += scores.votes.back().agreement;
        ++scores.tracks;
    }
    if (scores.tracks > 0) {
        scores.accuracy = static_cast<double>(scores.correct) / static_cast<double>(scores.tracks);
        scores.precision_at_k = precision / static_cast<double>(scores.tracks);
    }
    return scores;
}

NeighbourIntervals intervals_of(const NeighbourScores& scores, const std::vector<std::string>& groups) {
    std::vector<double> agreement;
    std::vector<bool> right;
    std::vector<std::string> voters_groups;
    for (const auto& vote : scores.votes) {
        agreement.push_back(vote.agreement);
        right.push_back(vote.right);
        voters_groups.push_back(groups.empty() ? std::string() : groups[vote.query]);
    }
    const ResamplingUnits units = ResamplingUnits::by_group(voters_groups);
    return {share_interval(right, units), mean_interval(agreement, units), units.groups()};
}

Hubness hubness(const DistanceMatrix& distances, std::size_t k) {
    const std::size_t n = distances.size();
    std::vector<double> occurrences(n, 0.0);
    for (std::size_t query = 0; query < n; ++query) {
        for (std::size_t neighbour : distances.nearest(query, k, [](std::size_t) { return true; })) {
            occurrences[neighbour] += 1.0;
        }
    }
    Hubness figures;
    figures.k = k;
    if (n == 0) {
        return figures;
    }
    double mean = 0.0;
    for (double count : occurrences) {
        mean += count / static_cast<double>(n);
        figures.orphan_share += count == 0.0 ? 1.0 / static_cast<double>(n) : 0.0;
        figures.largest = std::max(figures.largest, static_cast<std::size_t>(count));
    }
    double second = 0.0, third = 0.0;
    for (double count : occurrences) {
        second += std::pow(count - mean, 2.0) / static_cast<double>(n);
        third += std::pow(count - mean, 3.0) / static_cast<double>(n);
    }
    figures.skewness = second > 0.0 ? third / std::pow(second, 1.5) : 0.0;
    return figures;
}

}  // namespace timbre::host
