// SPDX-License-Identifier: GPL-3.0-or-later
// Similarity search on a real results store, in-process, as `similar` and the web service
// run it: the store's configured mix of metrics, searched exactly and through the index, in
// the same run. Prints the cost of opening the library (catalogue, scales from the cache,
// index), p50/p99 of a 10-nearest query both ways, recall@10 of the indexed answers against
// the exact ones, and p50/p99 of a 50-track `nearest` and `smooth` playlist.
// Usage: timbre_library_bench STORE [QUERIES] [CANDIDATES]   (run `timbre similar` once first to fill
// the cache; CANDIDATES: how many the index proposes per query, SearchSettings' default otherwise)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/store_metrics.hpp"
#include "playlist/playlist_strategy.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double share) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(share * static_cast<double>(values.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
    using namespace timbre::host;
    if (argc < 2) {
        std::fprintf(stderr, "usage: timbre_library_bench STORE [QUERIES] [CANDIDATES]\n");
        return 2;
    }
    const std::size_t queries = argc > 2 ? std::stoul(argv[2]) : 200;
    const std::size_t candidates = argc > 3 ? std::stoul(argv[3]) : SearchSettings{}.candidates;
    auto started = Clock::now();
    const StoreSimilarity exact(argv[1], "", {}, {1'000'000'000, 1000});
    const double exact_open = milliseconds_since(started);
    started = Clock::now();
    const StoreSimilarity indexed(argv[1], "", {}, {0, 1000, candidates});
    const double indexed_open = milliseconds_since(started);
    const auto& members = exact.similarity->members();
    std::mt19937 generator(7);
    std::vector<std::size_t> chosen(members.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        chosen[i] = i;
    }
    std::shuffle(chosen.begin(), chosen.end(), generator);
    chosen.resize(std::min(queries, chosen.size()));
    std::vector<double> exact_ms, indexed_ms, nearest_ms, smooth_ms;
    std::size_t agreed = 0, asked = 0;
    const auto anyone = [](std::size_t) { return true; };
    for (std::size_t query : chosen) {
        auto start = Clock::now();
        const auto truth = exact.similarity->nearest(query, 10, anyone);
        exact_ms.push_back(milliseconds_since(start));
        start = Clock::now();
        const auto found = indexed.similarity->nearest(query, 10, anyone);
        indexed_ms.push_back(milliseconds_since(start));
        const std::set<std::size_t> truth_set(truth.begin(), truth.end());
        agreed += static_cast<std::size_t>(std::count_if(found.begin(), found.end(),
                                                          [&](std::size_t m) { return truth_set.contains(m); }));
        asked += truth.size();
        for (const auto strategy : {Strategy::nearest, Strategy::smooth}) {
            PlaylistRequest request;
            request.strategy = strategy;
            request.seeds = {members[query]};
            request.length = 50;
            start = Clock::now();
            make_playlist(indexed.catalogue, *indexed.similarity, request);
            (strategy == Strategy::nearest ? nearest_ms : smooth_ms).push_back(milliseconds_since(start));
        }
    }
    std::printf("| tracks | open exact / indexed (ms) | similar exact p50 / p99 (ms) | similar indexed p50 / p99 (ms) | "
                "recall@10 | 50-track nearest p50 / p99 (ms) | 50-track smooth p50 / p99 (ms) |\n");
    std::printf("| %zu | %.0f / %.0f | %.2f / %.2f | %.2f / %.2f | %.3f | %.1f / %.1f | %.1f / %.1f |\n", members.size(),
                exact_open, indexed_open, percentile(exact_ms, 0.5), percentile(exact_ms, 0.99),
                percentile(indexed_ms, 0.5), percentile(indexed_ms, 0.99),
                static_cast<double>(agreed) / static_cast<double>(std::max<std::size_t>(asked, 1)),
                percentile(nearest_ms, 0.5), percentile(nearest_ms, 0.99), percentile(smooth_ms, 0.5),
                percentile(smooth_ms, 0.99));
    return 0;
}
