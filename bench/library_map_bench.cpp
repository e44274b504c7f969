// SPDX-License-Identifier: GPL-3.0-or-later
// How well the web page's map of a library shows its similarity, for each way of drawing it
// (two principal components, the neighbourhood layout): the time to draw it (the map kept
// beside the store is deleted first; reading it back is timed too), the share of each
// track's 10 nearest under the library's similarity (`timbre similar`, the store's mix) that
// are among its 10 nearest on the map, and, given a labels CSV, how often the majority label
// of a track's 5 nearest on the map is its own (leave-one-out, as evaluate-similarity scores
// the similarity itself, which is printed beside it). With ADDED, also what a growing library
// does to its map: a copy of the store without its newest ADDED tracks is mapped, then a copy of
// the whole store is mapped from that map (as the web service does when tracks arrive) and
// afresh; printed are how far the tracks on both maps moved and each map's scores.
// Usage: timbre_library_map_bench STORE [LABELS_CSV COLUMN] [QUERIES] [ADDED]
//   LABELS_CSV: a `path` column (a store path ending in it is that track) and the label column
//   ("" "" for none); QUERIES: how many tracks the similarity's own neighbours are asked of
//   (default 500). The copies are made in the temporary folder and removed.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "cli/store_metrics.hpp"
#include "ml/csv_table.hpp"
#include "similarity/library_map.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// Label per member (empty where the CSV names none), matched by the end of the store path.
std::vector<std::string> member_labels(const timbre::host::StoreSimilarity& store, const std::string& csv,
                                       const std::string& column) {
    const auto table = timbre::host::CsvTable::read(csv);
    const std::size_t path_at = table.column("path"), label_at = table.column(column);
    std::vector<std::pair<std::string, std::string>> labelled;
    for (const auto& row : table.rows()) {
        labelled.emplace_back("/" + row[path_at], row[label_at]);
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

using Neighbours = std::map<std::size_t, std::vector<std::size_t>>;

std::string percent(std::size_t part, std::size_t whole) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

// Of `similar`'s 10 nearest of each asked track, the share among its 10 nearest on the map; and
// how often its 5 nearest labelled tracks on the map have its label by majority ("–" unlabelled).
std::pair<std::string, std::string> scores(const std::vector<timbre::host::MapPoint>& points, const Neighbours& similar,
                                           const std::vector<std::string>& labels, std::size_t scored) {
    std::size_t kept = 0, right = 0;
    for (const auto& [query, nearest] : similar) {
        const auto on_map = nearest_on_map(points, query, 10);
        const std::set<std::size_t> near(on_map.begin(), on_map.end());
        for (std::size_t j : nearest) {
            kept += near.contains(j);
        }
        if (!labels[query].empty()) {
            std::vector<std::size_t> five;
            for (std::size_t j : nearest_on_map(points, query, points.size())) {
                if (!labels[j].empty() && five.size() < 5) {
                    five.push_back(j);
                }
            }
            right += majority(five, labels) == labels[query];
        }
    }
    return {percent(kept, 10 * similar.size()), scored > 0 ? percent(right, scored) : "–"};
}

// A copy of `store` (its WAL files and its similarity cache too) at `copy`.
void copy_store(const std::filesystem::path& store, const std::filesystem::path& copy) {
    namespace fs = std::filesystem;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        if (fs::exists(store.string() + suffix)) {
            fs::copy_file(store.string() + suffix, copy.string() + suffix);
        }
    }
    if (fs::exists(store.string() + ".similarity")) {
        fs::copy(store.string() + ".similarity", copy.string() + ".similarity", fs::copy_options::recursive);
    }
}

// The ids of the similarity's members, in member order.
std::vector<std::int64_t> member_ids(const timbre::host::StoreSimilarity& store) {
    std::vector<std::int64_t> ids;
    for (std::size_t track : store.similarity->members()) {
        ids.push_back(store.catalogue.tracks()[track].id);
    }
    return ids;
}

void growth(const std::filesystem::path& store, std::size_t added, const Neighbours& similar,
            const std::vector<std::string>& labels, std::size_t scored) {
    namespace fs = std::filesystem;
    using namespace timbre::host;
    const fs::path work = fs::temp_directory_path() / ("timbre-map-bench-" + std::to_string(::getpid()));
    fs::create_directories(work);
    const fs::path before = work / "before.db", after = work / "after.db";
    copy_store(store, before);
    copy_store(store, after);
    {
        SQLite::Database database(before.string(), SQLite::OPEN_READWRITE);
        database.exec("CREATE TEMP TABLE newest AS SELECT id FROM tracks ORDER BY id DESC LIMIT " +
                      std::to_string(added));
        for (const char* table : {"labels", "features"}) {
            database.exec(std::string("DELETE FROM ") + table + " WHERE track_id IN (SELECT id FROM newest)");
        }
        database.exec("DELETE FROM tracks WHERE id IN (SELECT id FROM newest)");
    }
    std::vector<MapPoint> earlier, settled, fresh;
    std::vector<std::int64_t> earlier_ids, ids;
    double settled_seconds = 0.0, fresh_seconds = 0.0;
    {
        const StoreSimilarity opened(before, "", {});
        fs::remove(opened.similarity->cache()->map_file());
        earlier = library_map(*opened.similarity);
        earlier_ids = member_ids(opened);
        fs::copy_file(opened.similarity->cache()->map_file(), work / "earlier.map");
    }
    {
        const StoreSimilarity opened(after, "", {});
        const fs::path map_file = opened.similarity->cache()->map_file();
        fs::copy_file(work / "earlier.map", map_file, fs::copy_options::overwrite_existing);
        auto started = Clock::now();
        settled = library_map(*opened.similarity);
        settled_seconds = std::chrono::duration<double>(Clock::now() - started).count();
        fs::remove(map_file);
        started = Clock::now();
        fresh = library_map(*opened.similarity);
        fresh_seconds = std::chrono::duration<double>(Clock::now() - started).count();
        ids = member_ids(opened);
    }
    fs::remove_all(work);
    std::map<std::int64_t, MapPoint> was;
    for (std::size_t i = 0; i < earlier.size(); ++i) {
        was[earlier_ids[i]] = earlier[i];
    }
    const auto moved = [&](const std::vector<MapPoint>& now) {
        std::vector<double> distances;
        for (std::size_t i = 0; i < now.size(); ++i) {
            if (const auto found = was.find(ids[i]); found != was.end()) {
                distances.push_back(std::hypot(now[i].x - found->second.x, now[i].y - found->second.y));
            }
        }
        std::sort(distances.begin(), distances.end());
        double sum = 0.0;
        for (double distance : distances) {
            sum += distance;
        }
        char text[64];
        std::snprintf(text, sizeof text, "%.3f / %.3f", sum / static_cast<double>(distances.size()),
                      distances[static_cast<std::size_t>(0.9 * static_cast<double>(distances.size() - 1))]);
        return std::string(text);
    };
    std::printf("\n%zu tracks added to %zu: how far the %zu on both maps moved (the map's side is 2)\n", added,
                earlier.size(), was.size());
    std::printf(
        "| the map of the grown library | drawn in (s) | moved: mean / 90th percentile | of `similar`'s 10 on the map "
        "| 5-nearest label agreement |\n");
    std::printf("|---|---|---|---|---|\n");
    for (const auto& [name, points, seconds] :
         {std::tuple{"from the earlier map", &settled, settled_seconds}, std::tuple{"afresh", &fresh, fresh_seconds}}) {
        const auto [kept, agreement] = scores(*points, similar, labels, scored);
        std::printf("| %s | %.2f | %s | %s | %s |\n", name, seconds, moved(*points).c_str(), kept.c_str(),
                    agreement.c_str());
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace timbre::host;
    if (argc < 2) {
        std::fprintf(stderr, "usage: timbre_library_map_bench STORE [LABELS_CSV COLUMN] [QUERIES] [ADDED]\n");
        return 2;
    }
    const StoreSimilarity store(argv[1], "", {});
    const auto& similarity = *store.similarity;
    const std::size_t n = similarity.members().size();
    const std::vector<std::string> labels =
        argc > 3 && *argv[2] ? member_labels(store, argv[2], argv[3]) : std::vector<std::string>(n);
    const std::size_t queries = std::min<std::size_t>(n, argc > 4 ? std::stoul(argv[4]) : 500);
    std::vector<std::size_t> chosen(n);
    for (std::size_t i = 0; i < n; ++i) {
        chosen[i] = i;
    }
    std::shuffle(chosen.begin(), chosen.end(), std::mt19937(7));
    chosen.resize(queries);
    const auto anyone = [](std::size_t) { return true; };
    const auto labelled = [&](std::size_t j) { return !labels[j].empty(); };
    Neighbours similar;
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
        const auto [kept, agreement] = scores(points, similar, labels, scored);
        std::printf("| %s | %.2f | %.2f%s | %s | %s |\n", name, seconds, again, same ? "" : " (another size!)",
                    kept.c_str(), agreement.c_str());
    }
    if (argc > 5 && std::stoul(argv[5]) > 0) {
        growth(argv[1], std::stoul(argv[5]), similar, labels, scored);
    }
    return 0;
}
