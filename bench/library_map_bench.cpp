// SPDX-License-Identifier: GPL-3.0-or-later
// How well the web page's map of a library shows its similarity, for each way of drawing it
// (two principal components, the neighbourhood layout): the time to draw it (the map kept
// beside the store is deleted first; reading it back is timed too), the share of each
// track's 10 nearest under the library's similarity (`timbre similar`, the store's mix) that
// are among its 10 nearest on the map, and, given a labels CSV, how often the majority label
// of a track's 5 nearest on the map is its own (leave-one-out, as evaluate-similarity scores
// the similarity itself, which is printed beside it).
// Usage: timbre_library_map_bench STORE [LABELS_CSV COLUMN] [QUERIES]
//   LABELS_CSV: a `path` column (a store path ending in it is that track) and the label column;
//   QUERIES: how many tracks the similarity's own neighbours are asked of (default 500).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/store_metrics.hpp"
#include "similarity/library_map.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            fields.emplace_back();
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return fields;
}

// Label per member (empty where the CSV names none), matched by the end of the store path.
std::vector<std::string> member_labels(const timbre::host::StoreSimilarity& store, const std::string& csv,
                                       const std::string& column) {
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    const auto header = csv_fields(line);
    const auto path_at = std::find(header.begin(), header.end(), "path") - header.begin();
    const auto label_at = std::find(header.begin(), header.end(), column) - header.begin();
    std::vector<std::pair<std::string, std::string>> labelled;
    while (std::getline(in, line)) {
        const auto fields = csv_fields(line);
        if (static_cast<std::size_t>(std::max(path_at, label_at)) < fields.size()) {
            labelled.emplace_back("/" + fields[path_at], fields[label_at]);
        }
    }
    std::vector<std::string> labels;
    for (std::size_t track : store.similarity->members()) {
        const std::string path = store.catalogue.tracks()[track].path;
        std::string found;
        for (const auto& [end, label] : labelled) {
            if (path.size() >= end.size() && path.compare(path.size() - end.size(), end.size(), end) == 0) {
                found = label;
            }
        }
        labels.push_back(found);
    }
    return labels;
}

std::vector<std::size_t> nearest_on_map(const std::vector<timbre::host::MapPoint>& points, std::size_t query,
                                        std::size_t k) {
    std::vector<std::pair<float, std::size_t>> ranked;
    for (std::size_t j = 0; j < points.size(); ++j) {
        if (j != query) {
            const float dx = points[j].x - points[query].x, dy = points[j].y - points[query].y;
            ranked.emplace_back(dx * dx + dy * dy, j);
        }
    }
    k = std::min(k, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end());
    std::vector<std::size_t> nearest;
    for (std::size_t i = 0; i < k; ++i) {
        nearest.push_back(ranked[i].second);
    }
    return nearest;
}

// The majority label of the neighbours, ties to the label of the nearest among the tied.
std::string majority(const std::vector<std::size_t>& neighbours, const std::vector<std::string>& labels) {
    std::map<std::string, int> votes;
    for (std::size_t j : neighbours) {
        if (!labels[j].empty()) {
            ++votes[labels[j]];
        }
    }
    int most = 0;
    for (const auto& [label, count] : votes) {
        most = std::max(most, count);
    }
    for (std::size_t j : neighbours) {
        if (!labels[j].empty() && votes[labels[j]] == most) {
            return labels[j];
        }
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    using namespace timbre::host;
    if (argc < 2) {
        std::fprintf(stderr, "usage: timbre_library_map_bench STORE [LABELS_CSV COLUMN] [QUERIES]\n");
        return 2;
    }
    const StoreSimilarity store(argv[1], "", {});
    const auto& similarity = *store.similarity;
    const std::size_t n = similarity.members().size();
    const std::vector<std::string> labels =
        argc > 3 ? member_labels(store, argv[2], argv[3]) : std::vector<std::string>(n);
    const std::size_t queries = std::min<std::size_t>(n, argc > 4 ? std::stoul(argv[4]) : 500);
    std::vector<std::size_t> chosen(n);
    for (std::size_t i = 0; i < n; ++i) {
        chosen[i] = i;
    }
    std::shuffle(chosen.begin(), chosen.end(), std::mt19937(7));
    chosen.resize(queries);
    const auto anyone = [](std::size_t) { return true; };
    const auto labelled = [&](std::size_t j) { return !labels[j].empty(); };
    std::map<std::size_t, std::vector<std::size_t>> similar;
    std::size_t similarity_right = 0, scored = 0;
    for (std::size_t query : chosen) {
        similar[query] = similarity.nearest(query, 10, anyone);
        if (!labels[query].empty()) {
            ++scored;
            similarity_right += majority(similarity.nearest(query, 5, labelled), labels) == labels[query];
        }
    }
    std::printf("%zu tracks (%s); the similarity's own 10 nearest asked of %zu of them\n", n,
                similarity.indexed() ? "indexed" : "searched exactly", queries);
    if (scored > 0) {
        std::printf("5-nearest label agreement under the similarity itself: %.1f %% of %zu\n",
                    100.0 * static_cast<double>(similarity_right) / static_cast<double>(scored), scored);
    }
    std::printf(
        "| map | drawn in (s) | again (s) | of `similar`'s 10 nearest, among the 10 nearest on the map | 5-nearest "
        "label agreement on the map |\n");
    std::printf("|---|---|---|---|---|\n");
    for (const auto& [name, layout] : {std::pair{"principal components", MapLayout::principal_components},
                                       std::pair{"neighbourhood layout", MapLayout::neighbourhoods}}) {
        if (similarity.cache()) {
            std::filesystem::remove(similarity.cache()->map_file());
        }
        auto started = Clock::now();
        const auto points = library_map(similarity, layout);
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        started = Clock::now();
        const bool same = library_map(similarity, layout).size() == points.size();
        const double again = std::chrono::duration<double>(Clock::now() - started).count();
        std::size_t kept = 0, right = 0;
        for (std::size_t query : chosen) {
            const auto on_map = nearest_on_map(points, query, 10);
            const std::set<std::size_t> near(on_map.begin(), on_map.end());
            for (std::size_t j : similar[query]) {
                kept += near.contains(j);
            }
            if (!labels[query].empty()) {
                std::vector<std::size_t> five;
                for (std::size_t j : nearest_on_map(points, query, n)) {
                    if (!labels[j].empty() && five.size() < 5) {
                        five.push_back(j);
                    }
                }
                right += majority(five, labels) == labels[query];
            }
        }
        char agreement[32] = "–";
        if (scored > 0) {
            std::snprintf(agreement, sizeof agreement, "%.1f %%",
                          100.0 * static_cast<double>(right) / static_cast<double>(scored));
        }
        std::printf("| %s | %.2f | %.2f%s | %.1f %% | %s |\n", name, seconds, again, same ? "" : " (another size!)",
                    100.0 * static_cast<double>(kept) / static_cast<double>(10 * queries), agreement);
    }
    return 0;
}
