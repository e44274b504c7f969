// SPDX-License-Identifier: GPL-3.0-or-later
// Applies the rules one after another, so the error for a rule that leaves nothing can say
// what that rule's field holds among the tracks the rules before it left.
#include "playlist/ruled_members.hpp"

#include <algorithm>
#include <numeric>

#include "timbre/error.hpp"

namespace timbre::host {

RuledMembers::RuledMembers(const TrackCatalogue& catalogue, const LibrarySimilarity& similarity,
                           const std::vector<TrackFilter>& rules)
    : members_(similarity.members().size()), accepted_(similarity.members().size(), false) {
    std::iota(members_.begin(), members_.end(), 0);
    const auto track_of = [&](std::size_t member) -> const CatalogueTrack& {
        return catalogue.tracks()[similarity.members()[member]];
    };
    for (const auto& rule : rules) {
        // Accepted members first, in order; the rejected stay behind them, so a rule that
        // rejects them all can still say what they hold.
        const auto rejected = std::stable_partition(members_.begin(), members_.end(),
                                                    [&](std::size_t member) { return rule.accepts(track_of(member)); });
        if (rejected == members_.begin() && !members_.empty()) {
            std::vector<const CatalogueTrack*> tracks;
            for (std::size_t member : members_) {
                tracks.push_back(&track_of(member));
            }
            throw Error("no track is left after --where " + rule.expression() +
                        (rules.size() > 1 ? " (with the rules before it)" : "") + " among the " +
                        std::to_string(similarity.members().size()) + " tracks (" + rule.values_among(tracks) + ")");
        }
        members_.erase(rejected, members_.end());
    }
    for (std::size_t member : members_) {
        accepted_[member] = true;
    }
}

}  // namespace timbre::host
