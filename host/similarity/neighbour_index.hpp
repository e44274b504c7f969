// SPDX-License-Identifier: GPL-3.0-or-later
// An approximate nearest-neighbour index (hnswlib's HNSW graph, L2) over the tracks' joint
// embeddings, labelled by the store's track ids: what keeps `similar` and playlists fast on
// libraries too large to compare every pair. Tracks are added and removed one at a time, so a
// new track never forces a rebuild, and the graph is saved to and loaded from a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace hnswlib {
template <typename T>
class HierarchicalNSW;
class L2Space;
}  // namespace hnswlib

namespace timbre::host {

class NeighbourIndex {
public:
    explicit NeighbourIndex(std::size_t dimension);
    ~NeighbourIndex();
    NeighbourIndex(NeighbourIndex&&) noexcept;
    NeighbourIndex& operator=(NeighbourIndex&&) noexcept;

    // The index saved in `file`, or nullopt when there is none or it does not hold vectors of
    // `dimension` (made for another mix of metrics).
    static std::optional<NeighbourIndex> load(const std::filesystem::path& file, std::size_t dimension);
    // Throws timbre::Error naming the file when it cannot be written.
    void save(const std::filesystem::path& file) const;

    bool contains(std::int64_t track) const;
    // The vector held for `track` (empty if none): lets a caller see whether the index was
    // built by the embedding it computes now.
    std::vector<float> embedding_of(std::int64_t track) const;
    // Every track id held (not removed).
    std::vector<std::int64_t> tracks() const;
    // Thread-safe: several threads may add at once (each a different track).
    void add(std::int64_t track, const std::vector<float>& embedding);
    void remove(std::int64_t track);
    // Makes room for `count` tracks in all; call before adding from several threads.
    void reserve(std::size_t count);

    // About `count` track ids nearest to `query`, nearest first.
    std::vector<std::int64_t> search(const std::vector<float>& query, std::size_t count) const;

private:
    std::size_t dimension_;
    std::unique_ptr<hnswlib::L2Space> space_;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph_;
};

}  // namespace timbre::host
