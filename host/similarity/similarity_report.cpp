// SPDX-License-Identifier: GPL-3.0-or-later
// Percentages in the Markdown, fractions in the JSON.
#include "similarity/similarity_report.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

#include "ml/answers_json.hpp"
#include "ml/classification_report.hpp"
#include "results/json_text.hpp"

namespace timbre::host {

namespace {

std::vector<ExampleAnswer> answers_of(const NeighbourScores& scores, const std::vector<std::string>& labels,
                                      const std::vector<ExampleIdentity>& identities) {
    std::vector<ExampleAnswer> answers;
    for (const auto& vote : scores.votes) {
        answers.push_back({identities[vote.query], labels[vote.query], vote.label});
    }
    return answers;
}

}  // namespace

MetricFigures evaluate_distances(const DistanceMatrix& raw, const DistanceMatrix& normalised,
                                 const std::vector<std::string>& labels, const std::vector<std::string>& groups,
                                 const std::vector<ExampleIdentity>& identities, std::size_t k) {
    MetricFigures figures;
    figures.tracks = raw.size();
    figures.k = k;
    for (const auto& [name, distances] : {std::pair<std::string, const DistanceMatrix*>{"none", &raw},
                                          std::pair<std::string, const DistanceMatrix*>{"mutual proximity", &normalised}}) {
        NormalisationFigures row{name, leave_one_out_scores(*distances, labels, {}, k), {}, hubness(*distances, 10)};
        if (row.all.tracks > 0) {
            row.all_intervals = intervals_of(row.all, groups);
            row.all_answers = answers_of(row.all, labels, identities);
        }
        if (!groups.empty()) {
            row.group_filtered = leave_one_out_scores(*distances, labels, groups, k);
            if (row.group_filtered.tracks > 0) {
                row.group_filtered_intervals = intervals_of(row.group_filtered, groups);
                row.group_filtered_answers = answers_of(row.group_filtered, labels, identities);
            }
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

std::string percent_range(const ConfidenceInterval& interval) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << 100.0 * interval.low << "–" << 100.0 * interval.high;
    return out.str();
}

std::string share_range(const ConfidenceInterval& interval) {
    std::ostringstream out;
    out.precision(3);
    out << std::fixed << interval.low << "–" << interval.high;
    return out.str();
}

nlohmann::ordered_json scores_json(const NeighbourScores& scores, const NeighbourIntervals& intervals,
                                   const std::vector<ExampleAnswer>& answers) {
    nlohmann::ordered_json json{{"tracks", scores.tracks},
                                {"accuracy", scores.accuracy},
                                {"accuracy_interval", {intervals.accuracy.low, intervals.accuracy.high}},
                                {"precision_at_k", scores.precision_at_k},
                                {"precision_at_k_interval", {intervals.precision_at_k.low, intervals.precision_at_k.high}},
                                {"interval_groups", intervals.groups},
                                {"answers", answers_json(answers)}};
    return json;
}

// "83.0 % (74.2–89.8)" and "0.726 (0.668–0.780)", or "–" where no track was scored.
std::string accuracy_cell(const NeighbourScores& scores, const NeighbourIntervals& intervals) {
    return scores.tracks > 0 ? percent(scores.accuracy) + " (" + percent_range(intervals.accuracy) + ")" : "–";
}

std::string precision_cell(const NeighbourScores& scores, const NeighbourIntervals& intervals) {
    std::ostringstream out;
    out.precision(3);
    out << std::fixed << scores.precision_at_k << " (" << share_range(intervals.precision_at_k) << ")";
    return scores.tracks > 0 ? out.str() : "–";
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
                                               {"all", scores_json(row.all, row.all_intervals, row.all_answers)},
                                               {"group_filtered",
                                                scores_json(row.group_filtered, row.group_filtered_intervals,
                                                            row.group_filtered_answers)},
                                               {"hub_skewness", row.hubs.skewness},
                                               {"orphan_share", row.hubs.orphan_share},
                                               {"largest_k_occurrence", row.hubs.largest}});
            md << "| " << row.normalisation << " | " << accuracy_cell(row.all, row.all_intervals) << " | "
               << precision_cell(row.all, row.all_intervals) << " | "
               << accuracy_cell(row.group_filtered, row.group_filtered_intervals) << " | "
               << precision_cell(row.group_filtered, row.group_filtered_intervals) << " | " << row.hubs.skewness << " | "
               << percent(row.hubs.orphan_share) << " |\n";
        }
        const std::size_t groups = metric.rows.empty() ? 0 : metric.rows.front().all_intervals.groups;
        md << "\nIn brackets: 95 % intervals, "
           << (groups ? "bootstrap over the " + std::to_string(groups) + " " + metric.group +
                            " groups the tracks come in (accuracy's widened to its exact binomial interval where that "
                            "is wider)"
                      : std::string("accuracy exact binomial, precision@k bootstrap over the tracks"))
           << ", treating each track's neighbours as an independent trial.\n\n";
        json.push_back(entry);
    }
    write_report_file(stem.string() + ".json", json_text(json, 2) + "\n");
    write_report_file(stem.string() + ".md", md.str());
}

}  // namespace timbre::host
