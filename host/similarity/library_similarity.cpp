// Only tracks with every chosen signature take part; the others are counted for the caller
// to report.
#include "similarity/library_similarity.hpp"

#include <algorithm>
#include <sstream>
#include <thread>

#include "timbre/error.hpp"

namespace timbre::host {

std::vector<MetricWeight> parse_metric_weights(const std::string& text, const TrackCatalogue& catalogue,
                                               const std::vector<MetricWeight>& configured) {
    const auto available = catalogue.signature_nodes();
    std::string listed;
    for (const auto& node : available) {
        listed += (listed.empty() ? "" : ", ") + node;
    }
    if (available.empty()) {
        throw Error("the store has no similarity signatures: analyse the library with a config that has similarity "
                    "nodes, e.g. `timbre analyze configs/similarity.yaml MUSIC --db STORE`");
    }
    std::vector<MetricWeight> weights;
    const bool configured_stored = !configured.empty() && std::all_of(configured.begin(), configured.end(), [&](const auto& w) {
        return std::find(available.begin(), available.end(), w.node) != available.end();
    });
    if (text.empty() && configured_stored) {
        return configured;
    }
    if (text.empty()) {
        for (const auto& node : available) {
            weights.push_back({node, 1.0});
        }
        return weights;
    }
    std::istringstream parts(text);
    for (std::string part; std::getline(parts, part, ',');) {
        const auto colon = part.find(':');
        MetricWeight weight{part.substr(0, colon), 1.0};
        if (colon != std::string::npos) {
            try {
                weight.weight = std::stod(part.substr(colon + 1));
            } catch (const std::exception&) {
                throw Error("--metric " + part + ": the weight after ':' must be a number");
            }
        }
        if (std::find(available.begin(), available.end(), weight.node) == available.end()) {
            throw Error("--metric " + weight.node + ": the store has no signatures of that metric (it has: " + listed + ")");
        }
        if (!(weight.weight > 0.0)) {
            throw Error("--metric " + part + ": a weight must be positive");
        }
        weights.push_back(weight);
    }
    return weights;
}

LibrarySimilarity::LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics) {
    std::map<std::string, std::vector<std::optional<Vector>>> signatures;
    for (const auto& metric : metrics) {
        signatures[metric.choice.node] = catalogue.signatures(metric.choice.node);
    }
    for (std::size_t i = 0; i < catalogue.tracks().size(); ++i) {
        const bool complete = std::all_of(signatures.begin(), signatures.end(),
                                          [i](const auto& entry) { return entry.second[i].has_value(); });
        if (complete) {
            members_.push_back(i);
        } else {
            ++unsigned_;
        }
    }
    std::vector<std::pair<const DistanceMatrix*, double>> parts;
    for (const auto& metric : metrics) {
        std::vector<Vector> member_signatures;
        for (std::size_t i : members_) {
            member_signatures.push_back(*signatures.at(metric.choice.node)[i]);
        }
        const DistanceMatrix raw =
            DistanceMatrix::compute(*metric.metric, "node '" + metric.choice.node + "'", member_signatures,
                                    std::thread::hardware_concurrency());
        by_metric_.emplace(metric.choice.node, raw.mutual_proximity());
    }
    for (const auto& metric : metrics) {
        parts.emplace_back(&by_metric_.at(metric.choice.node), metric.choice.weight);
    }
    // A mix of several metrics is normalised once more: measured on three collections, this
    // second mutual proximity adds 1-4 points of k-NN agreement (docs/similarity.md).
    mixed_ = parts.size() > 1 ? DistanceMatrix::weighted_mean(parts).mutual_proximity() : by_metric_.at(metrics.front().choice.node);
}

std::optional<std::size_t> LibrarySimilarity::position(std::size_t track) const {
    const auto it = std::lower_bound(members_.begin(), members_.end(), track);
    return it != members_.end() && *it == track ? std::optional(static_cast<std::size_t>(it - members_.begin()))
                                                : std::nullopt;
}

}  // namespace timbre::host
