// SPDX-License-Identifier: GPL-3.0-or-later
// M = 16 and ef_construction = 200 as hnswlib recommends, and ef = 128 at search time
// (hnswlib widens it to the count asked): recall@10 = 1.000 at 1M × 64 (docs/benchmarks.md).
// ef is set once, so searches may run concurrently.
#include "similarity/neighbour_index.hpp"

#include <hnswlib/hnswlib.h>

#include "results/partial_file.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {
constexpr std::size_t kLinks = 16;
constexpr std::size_t kBuildBreadth = 200;
constexpr std::size_t kSearchBreadth = 128;
constexpr std::size_t kRandomSeed = 42;
}  // namespace

NeighbourIndex::NeighbourIndex(std::size_t dimension)
    : dimension_(dimension),
      space_(std::make_unique<hnswlib::L2Space>(dimension)),
      graph_(std::make_unique<hnswlib::HierarchicalNSW<float>>(space_.get(), 1024, kLinks, kBuildBreadth, kRandomSeed)) {
    graph_->setEf(kSearchBreadth);
}

NeighbourIndex::~NeighbourIndex() = default;
NeighbourIndex::NeighbourIndex(NeighbourIndex&&) noexcept = default;
NeighbourIndex& NeighbourIndex::operator=(NeighbourIndex&&) noexcept = default;

std::optional<NeighbourIndex> NeighbourIndex::load(const std::filesystem::path& file, std::size_t dimension) {
    std::error_code missing;
    if (!std::filesystem::is_regular_file(file, missing)) {
        return std::nullopt;
    }
    NeighbourIndex index(dimension);
    try {
        index.graph_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(index.space_.get(), file.string());
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable or of another layout: the caller rebuilds it
    }
    // The file's own vector size: what lies between an element's links and its label.
    if (index.graph_->label_offset_ - index.graph_->offsetData_ != dimension * sizeof(float)) {
        return std::nullopt;
    }
    index.graph_->setEf(kSearchBreadth);
    return index;
}

void NeighbourIndex::save(const std::filesystem::path& file) const {
    const auto partial = partial_file(file);
    try {
        graph_->saveIndex(partial.string());
        std::filesystem::rename(partial, file);
    } catch (const std::exception& error) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw Error("cannot write the similarity index " + file.string() + ": " + error.what());
    }
}

bool NeighbourIndex::contains(std::int64_t track) const {
    const auto found = graph_->label_lookup_.find(static_cast<hnswlib::labeltype>(track));
    return found != graph_->label_lookup_.end() && !graph_->isMarkedDeleted(found->second);
}

std::vector<float> NeighbourIndex::embedding_of(std::int64_t track) const {
    return contains(track) ? graph_->getDataByLabel<float>(static_cast<hnswlib::labeltype>(track)) : std::vector<float>{};
}

std::vector<std::int64_t> NeighbourIndex::tracks() const {
    std::vector<std::int64_t> held;
    for (const auto& [label, internal] : graph_->label_lookup_) {
        if (!graph_->isMarkedDeleted(internal)) {
            held.push_back(static_cast<std::int64_t>(label));
        }
    }
    return held;
}

void NeighbourIndex::reserve(std::size_t count) {
    if (count > graph_->max_elements_) {
        graph_->resizeIndex(count);
    }
}

void NeighbourIndex::add(std::int64_t track, const std::vector<float>& embedding) {
    if (embedding.size() != dimension_) {
        throw Error("similarity index: an embedding of " + std::to_string(embedding.size()) + " values where " +
                    std::to_string(dimension_) + " were expected");
    }
    graph_->addPoint(embedding.data(), static_cast<hnswlib::labeltype>(track));
}

void NeighbourIndex::remove(std::int64_t track) {
    if (contains(track)) {
        graph_->markDelete(static_cast<hnswlib::labeltype>(track));
    }
}

std::vector<std::int64_t> NeighbourIndex::search(const std::vector<float>& query, std::size_t count) const {
    auto found = graph_->searchKnn(query.data(), count);
    std::vector<std::int64_t> nearest(found.size());
    for (std::size_t i = found.size(); i-- > 0; found.pop()) {
        nearest[i] = static_cast<std::int64_t>(found.top().second);
    }
    return nearest;
}

}  // namespace timbre::host
