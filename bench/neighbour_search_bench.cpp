// SPDX-License-Identifier: GPL-3.0-or-later
// Scale of nearest-neighbour search for similarity: hnswlib (the index timbre will keep next
// to a store) against exact brute force, in the same run, on synthetic catalogues whose
// vectors have the dimension of a real signature (868 for the `stats` metric, 64 for an
// embedding). One core, as the targets say. Prints one row per catalogue:
//   build time and memory of the index; p50/p99 latency of a `similar` query (10 nearest)
//   by brute force and by the index; recall@10 of the index against brute force; p50/p99
//   of a 50-track `nearest` playlist candidate search (200 nearest, then a 3-track artist gap).
// Usage: timbre_neighbour_bench SIZE DIMENSION [QUERIES]
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double resident_mib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0;
        }
    }
    return 0.0;
}

double percentile(std::vector<double> values, double share) {
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(share * static_cast<double>(values.size() - 1))];
}

// Signatures are not uniform noise: they vary along few directions (tempo, brightness,
// loudness...) and bunch by genre. So each vector is a point of a 16-dimensional latent space
// (200 overlapping clusters: centres and spread of equal size) projected into `dimension`
// by a random matrix, plus a little independent noise.
std::vector<float> catalogue(std::size_t size, std::size_t dimension, std::mt19937& engine) {
    constexpr std::size_t latent = 16;
    std::normal_distribution<float> normal;
    std::vector<float> centres(200 * latent), projection(latent * dimension);
    for (float& value : centres) {
        value = normal(engine);
    }
    for (float& value : projection) {
        value = normal(engine) / 4.0f;  // 1 / sqrt(latent)
    }
    std::uniform_int_distribution<std::size_t> pick(0, 199);
    std::vector<float> data(size * dimension), point(latent);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t centre = pick(engine);
        for (std::size_t l = 0; l < latent; ++l) {
            point[l] = centres[centre * latent + l] + normal(engine);
        }
        for (std::size_t d = 0; d < dimension; ++d) {
            float value = 0.1f * normal(engine);
            for (std::size_t l = 0; l < latent; ++l) {
                value += point[l] * projection[l * dimension + d];
            }
            data[i * dimension + d] = value;
        }
    }
    return data;
}

std::vector<std::size_t> brute_force(const std::vector<float>& data, std::size_t dimension, std::size_t query,
                                     std::size_t k) {
    const std::size_t size = data.size() / dimension;
    std::vector<std::pair<float, std::size_t>> distances(size);
    const float* q = &data[query * dimension];
    for (std::size_t i = 0; i < size; ++i) {
        const float* x = &data[i * dimension];
        float sum = 0.0f;
        for (std::size_t d = 0; d < dimension; ++d) {
            sum += (x[d] - q[d]) * (x[d] - q[d]);
        }
        distances[i] = {i == query ? std::numeric_limits<float>::infinity() : sum, i};
    }
    std::partial_sort(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(k), distances.end());
    std::vector<std::size_t> nearest;
    for (std::size_t i = 0; i < k; ++i) {
        nearest.push_back(distances[i].second);
    }
    return nearest;
}

std::vector<std::size_t> indexed(hnswlib::HierarchicalNSW<float>& index, const float* query, std::size_t self,
                                 std::size_t k) {
    auto found = index.searchKnn(query, k + 1);
    std::vector<std::size_t> nearest;
    while (!found.empty()) {
        if (found.top().second != self) {
            nearest.push_back(found.top().second);
        }
        found.pop();
    }
    std::reverse(nearest.begin(), nearest.end());
    nearest.resize(std::min(nearest.size(), k));
    return nearest;
}

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SIZE DIMENSION [QUERIES]\n", argv[0]);
        return 1;
    }
    const std::size_t size = std::stoul(argv[1]), dimension = std::stoul(argv[2]);
    const std::size_t queries = argc > 3 ? std::stoul(argv[3]) : 500;
    std::mt19937 engine(42);
    const std::vector<float> data = catalogue(size, dimension, engine);
    std::vector<int> artist(size);
    std::uniform_int_distribution<int> artists(0, static_cast<int>(size / 10));
    for (int& a : artist) {
        a = artists(engine);
    }

    const double memory_before = resident_mib();
    const auto build_start = Clock::now();
    hnswlib::L2Space space(dimension);
    hnswlib::HierarchicalNSW<float> index(&space, size, 16, 200, 42);
    for (std::size_t i = 0; i < size; ++i) {
        index.addPoint(&data[i * dimension], i);
    }
    const double build_seconds = milliseconds_since(build_start) / 1000.0;
    const double index_mib = resident_mib() - memory_before;
    index.setEf(128);

    std::uniform_int_distribution<std::size_t> pick(0, size - 1);
    std::vector<double> exact_ms, index_ms, playlist_ms;
    double recall = 0.0;
    for (std::size_t q = 0; q < queries; ++q) {
        const std::size_t query = pick(engine);
        auto start = Clock::now();
        const auto truth = brute_force(data, dimension, query, 10);
        exact_ms.push_back(milliseconds_since(start));
        start = Clock::now();
        const auto found = indexed(index, &data[query * dimension], query, 10);
        index_ms.push_back(milliseconds_since(start));
        const std::unordered_set<std::size_t> relevant(truth.begin(), truth.end());
        recall += static_cast<double>(std::count_if(found.begin(), found.end(),
                                                     [&](std::size_t i) { return relevant.count(i) > 0; })) /
                  10.0 / static_cast<double>(queries);
        start = Clock::now();
        std::vector<std::size_t> playlist{query};
        for (std::size_t candidate : indexed(index, &data[query * dimension], query, 200)) {
            const std::size_t recent = std::min<std::size_t>(3, playlist.size());
            const bool gap = std::none_of(playlist.end() - static_cast<std::ptrdiff_t>(recent), playlist.end(),
                                          [&](std::size_t chosen) { return artist[chosen] == artist[candidate]; });
            if (gap && playlist.size() < 50) {
                playlist.push_back(candidate);
            }
        }
        playlist_ms.push_back(milliseconds_since(start));
    }
    std::printf("| %zu | %zu | %.1f | %.0f | %.2f / %.2f | %.3f / %.3f | %.3f | %.3f / %.3f |\n", size, dimension,
                build_seconds, index_mib, percentile(exact_ms, 0.5), percentile(exact_ms, 0.99),
                percentile(index_ms, 0.5), percentile(index_ms, 0.99), recall, percentile(playlist_ms, 0.5),
                percentile(playlist_ms, 0.99));
    return 0;
}
