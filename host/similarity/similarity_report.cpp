// SPDX-License-Identifier: GPL-3.0-or-later
// Percentages in the Markdown, fractions in the JSON.
#include "similarity/similarity_report.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "ml/classification_report.hpp"
#include "results/json_text.hpp"

namespace timbre::host {

MetricFigures evaluate_distances(const DistanceMatrix& raw, const DistanceMatrix& normalised,
                                 const std::vector<std::string>& labels, const std::vector<std::string>& groups,
                                 std::size_t k) {
    MetricFigures figures;
    figures.tracks = raw.size();
    figures.k = k;
    for (const auto& [name, distances] : {std::pair<std::string, const DistanceMatrix*>{"none", &raw},
                                          std::pair<std::string, const DistanceMatrix*>{"mutual proximity", &normalised}}) {
        NormalisationFigures row{name, leave_one_out_scores(*distances, labels, {}, k), {}, hubness(*distances, 10)};
        if (!groups.empty()) {
            row.group_filtered = leave_one_out_scores(*distances, labels, groups, k);
        }
        figures.rows.push_back(row);
    }
    return figures;
}

namespace {
std::string percent(double share) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << 100.0 * share << " %";
    return out.str();
}

nlohmann::ordered_json scores_json(const NeighbourScores& scores) {
    return {{"tracks", scores.tracks}, {"accuracy", scores.accuracy}, {"precision_at_k", scores.precision_at_k}};
}
}  // namespace

void write_similarity_report(const std::vector<MetricFigures>& metrics, const std::filesystem::path& stem) {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    std::ostringstream md;
    md << "# Similarity: leave-one-out k-nearest-neighbour agreement\n\n";
    for (const auto& metric : metrics) {
        nlohmann::ordered_json entry{{"node", metric.node},   {"plugin", metric.plugin}, {"tracks", metric.tracks},
                                     {"failed", metric.failed}, {"k", metric.k},           {"label", metric.label},
                                     {"group", metric.group}};
        md << "## " << metric.node << " (" << metric.plugin << ")\n\n"
           << metric.tracks << " tracks (" << metric.failed << " failed), label `" << metric.label << "`, k = " << metric.k
           << (metric.group.empty() ? "" : ", artist filter on `" + metric.group + "`") << "\n\n"
           << "| normalisation | k-NN accuracy | precision@k | same-" << (metric.group.empty() ? "group" : metric.group)
           << " neighbours skipped: accuracy | precision@k | k-occurrence skewness (k = 10) | never in a top 10 |\n"
           << "|---|---|---|---|---|---|---|\n";
        for (const auto& row : metric.rows) {
            entry["normalisations"].push_back({{"normalisation", row.normalisation},
                                               {"all", scores_json(row.all)},
                                               {"group_filtered", scores_json(row.group_filtered)},
                                               {"hub_skewness", row.hubs.skewness},
                                               {"orphan_share", row.hubs.orphan_share},
                                               {"largest_k_occurrence", row.hubs.largest}});
            const bool filtered = row.group_filtered.tracks > 0;
            md << "| " << row.normalisation << " | " << percent(row.all.accuracy) << " | "
               << percent(row.all.precision_at_k) << " | " << (filtered ? percent(row.group_filtered.accuracy) : "–")
               << " | " << (filtered ? percent(row.group_filtered.precision_at_k) : "–") << " | "
               << row.hubs.skewness << " | " << percent(row.hubs.orphan_share) << " |\n";
        }
        md << "\n";
        json.push_back(entry);
    }
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    write_report_file(stem.string() + ".md", md.str());
}

}  // namespace timbre::host
