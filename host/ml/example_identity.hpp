// SPDX-License-Identifier: GPL-3.0-or-later
// Which held-out example an answer in a report is for. Classifier, regressor and similarity
// reports all keep their answers under it, so that `timbre compare-models` can pair two
// reports' answers by example rather than by position.
#pragma once

#include <string>

namespace timbre::host {

// Its identity (Example::key), for a reader where it comes from (its audio file or CSV
// file:line), and the group its dataset keeps whole in a split (Example::group: an artist, or
// for an ungrouped source a stand-in of its own; "" in reports written before groups were
// kept), so that a comparison can resample the groups as the report's intervals do.
struct ExampleIdentity {
    std::string key;
    std::string origin;
    std::string group;
};

}  // namespace timbre::host
