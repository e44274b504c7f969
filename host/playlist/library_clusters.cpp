// SPDX-License-Identifier: GPL-3.0-or-later
// k-medoids on the library's reference sample (the whole library up to a thousand tracks),
// then every track joins its nearest medoid: CLARA's way of clustering a large library without
// an n × n matrix. Names use the most common genre and mood of the members (when at least half
// share it; else the genre tag of their files, if half share that) and the 10th-90th percentile
// of their tempo, so a name describes most of the playlist, not one track. A library analysed
// for similarity alone has none of these: its playlists are named by their central track, as
// are playlists whose names would otherwise be the same.
#include "playlist/library_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

// What most of `tracks` have in common under `read` (a label, a tag), if at least half do.
template <typename Read>
std::string shared_by_half(const TrackCatalogue& catalogue, const std::vector<std::size_t>& tracks, Read read) {
    std::map<std::string, std::size_t> counts;
    for (std::size_t track : tracks) {
        if (const std::string value = read(catalogue.tracks()[track]); !value.empty()) {
            ++counts[value];
        }
    }
    const auto best = std::max_element(counts.begin(), counts.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    return best != counts.end() && 2 * best->second >= tracks.size() ? best->first : "";
}

// `tracks` begins with the medoid.
std::string cluster_name(const TrackCatalogue& catalogue, const std::vector<std::size_t>& tracks) {
    std::string name = shared_mood_and_genre(catalogue, tracks);
    if (name.empty()) {  // the files' own genre tag, as written ("Soundtrack")
        name = shared_by_half(catalogue, tracks, [](const CatalogueTrack& track) { return track.tag_genre; });
    }
    std::vector<double> tempi;
    for (std::size_t track : tracks) {
        if (const auto bpm = catalogue.tracks()[track].bpm) {
            tempi.push_back(*bpm);
        }
    }
    if (!tempi.empty()) {
        std::sort(tempi.begin(), tempi.end());
        const auto at = [&](double share) { return std::lround(tempi[static_cast<std::size_t>(share * (tempi.size() - 1))]); };
        name += (name.empty() ? "" : ", ") + std::to_string(at(0.1)) + "-" + std::to_string(at(0.9)) + " BPM";
    }
    return name.empty() ? "like " + catalogue.tracks()[tracks.front()].display_name() : name;
}

// The members the medoids are chosen among (cluster_library).
std::vector<std::size_t> clustered_sample(const LibrarySimilarity& similarity, const RuledMembers& among) {
    const auto& reference = similarity.reference_sample();
    const auto& ruled = among.members();
    if (ruled.size() == similarity.members().size()) {
        return reference;
    }
    if (ruled.size() <= reference.size()) {
        return ruled;
    }
    std::vector<std::size_t> sample;
    for (std::size_t k = 0; k < reference.size(); ++k) {
        sample.push_back(ruled[k * ruled.size() / reference.size()]);
    }
    return sample;
}

}  // namespace

std::string shared_mood_and_genre(const TrackCatalogue& catalogue, const std::vector<std::size_t>& tracks) {
    std::string words;
    for (const char* node : {"mood", "genre"}) {
        const std::string label =
            shared_by_half(catalogue, tracks, [node](const CatalogueTrack& track) { return track.label(node); });
        if (!label.empty()) {
            words += (words.empty() ? "" : " ") + label;
        }
    }
    return words;
}

std::vector<LibraryCluster> cluster_library(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                                            std::size_t count, const RuledMembers& among) {
    const std::vector<std::size_t> sample = clustered_sample(similarity, among);
    if (count == 0 || sample.size() < count) {
        throw Error("cannot make " + std::to_string(count) + " playlists from " + std::to_string(sample.size()) +
                    " tracks with similarity signatures");
    }
    const DistanceMatrix d = DistanceMatrix::tabulate(
        sample.size(), [&](std::size_t i, std::size_t j) { return similarity.distance(sample[i], sample[j]); });
    const std::size_t n = d.size();
    const auto total_to = [&](std::size_t candidate, const std::vector<std::size_t>& members) {
        double sum = 0.0;
        for (std::size_t m : members) {
            sum += d.at(candidate, m);
        }
        return sum;
    };
    std::vector<std::size_t> everyone(n);
    std::iota(everyone.begin(), everyone.end(), 0);
    std::vector<std::size_t> medoids{*std::min_element(everyone.begin(), everyone.end(), [&](std::size_t a, std::size_t b) {
        return total_to(a, everyone) < total_to(b, everyone);
    })};
    // PAM's BUILD: each next medoid is the track that brings the sample nearest to its medoids
    // (the largest total gain), not the farthest one, which would be an outlier of its own.
    std::vector<float> nearest(n);
    for (std::size_t i = 0; i < n; ++i) {
        nearest[i] = d.at(i, medoids.front());
    }
    while (medoids.size() < count) {
        std::size_t chosen = 0;
        double largest_gain = -1.0;
        for (std::size_t candidate = 0; candidate < n; ++candidate) {
            if (std::find(medoids.begin(), medoids.end(), candidate) != medoids.end()) {
                continue;
            }
            double gain = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                gain += std::max(0.0f, nearest[i] - d.at(i, candidate));
            }
            if (gain > largest_gain) {
                largest_gain = gain;
                chosen = candidate;
            }
        }
        medoids.push_back(chosen);
        for (std::size_t i = 0; i < n; ++i) {
            nearest[i] = std::min(nearest[i], d.at(i, chosen));
        }
    }
    std::vector<std::vector<std::size_t>> members(count);
    for (int round = 0; round < 50; ++round) {
        for (auto& group : members) {
            group.clear();
        }
        for (std::size_t i = 0; i < n; ++i) {
            std::size_t best = 0;
            for (std::size_t c = 1; c < count; ++c) {
                if (d.at(i, medoids[c]) < d.at(i, medoids[best])) {
                    best = c;
                }
            }
            members[best].push_back(i);
        }
        bool changed = false;
        for (std::size_t c = 0; c < count; ++c) {
            if (members[c].empty()) {
                continue;  // a medoid tied with another (identical signatures) keeps its place
            }
            const std::size_t central = *std::min_element(members[c].begin(), members[c].end(), [&](std::size_t a, std::size_t b) {
                return total_to(a, members[c]) < total_to(b, members[c]);
            });
            changed = changed || central != medoids[c];
            medoids[c] = central;
        }
        if (!changed) {
            break;
        }
    }
    std::vector<std::vector<std::pair<double, std::size_t>>> library(count);  // (distance to medoid, member)
    for (std::size_t member : among.members()) {
        std::pair<double, std::size_t> best{std::numeric_limits<double>::infinity(), 0};
        for (std::size_t c = 0; c < count; ++c) {
            best = std::min(best, {similarity.distance(member, sample[medoids[c]]), c});
        }
        library[best.second].emplace_back(best.first, member);
    }
    std::vector<LibraryCluster> clusters;
    for (std::size_t c = 0; c < count; ++c) {
        if (library[c].empty()) {
            continue;  // its medoid has a twin (the same signatures) that took every member
        }
        std::sort(library[c].begin(), library[c].end());
        LibraryCluster cluster;
        for (const auto& [distance, member] : library[c]) {
            cluster.tracks.push_back(similarity.members()[member]);
        }
        cluster.name = cluster_name(catalogue, cluster.tracks);
        clusters.push_back(std::move(cluster));
    }
    std::sort(clusters.begin(), clusters.end(), [](const auto& a, const auto& b) { return a.tracks.size() > b.tracks.size(); });
    std::map<std::string, std::size_t> uses;
    for (const auto& cluster : clusters) {
        ++uses[cluster.name];
    }
    for (auto& cluster : clusters) {  // two playlists of one name are told apart by their central tracks
        if (uses[cluster.name] > 1) {
            cluster.name += ", like " + catalogue.tracks()[cluster.tracks.front()].display_name();
        }
    }
    return clusters;
}

}  // namespace timbre::host
