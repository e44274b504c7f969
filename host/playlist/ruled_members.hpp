// SPDX-License-Identifier: GPL-3.0-or-later
// The library members a list of rules (`--where genre=jazz bpm>120`) leaves, found once so
// that a playlist or a batch of `similar` queries tests each track against the rules once.
// An empty list of rules leaves every member.
#pragma once

#include <vector>

#include "playlist/track_filter.hpp"
#include "similarity/library_similarity.hpp"

namespace timbre::host {

class RuledMembers {
public:
    // Throws timbre::Error naming the rule that left no member and what its field holds
    // among the members still in play.
    RuledMembers(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                 const std::vector<TrackFilter>& rules);

    // Member positions every rule accepts, ascending.
    const std::vector<std::size_t>& members() const { return members_; }
    bool contains(std::size_t member) const { return accepted_[member]; }

private:
    std::vector<std::size_t> members_;
    std::vector<bool> accepted_;  // by member position
};

}  // namespace timbre::host
