// SPDX-License-Identifier: GPL-3.0-or-later
// What `timbre train` and `timbre evaluate` take from the command line about the data:
// another dataset than the config's (--dataset: a folder with one sub-folder of audio per
// label, or a CSV), the group that keeps e.g. an artist on one side of every split
// (--group-by) and, for a CSV the config does not describe, its label column (--label).
// Another dataset keeps the config's split settings and its `mixtures` (a tagger mixes the
// recordings of whichever dataset it is given).
#pragma once

#include <optional>
#include <string>

#include "ml/dataset.hpp"

namespace timbre::host {

struct DatasetChoice {
    std::string dataset;   // folder or CSV; "" = the config's dataset section
    std::string group_by;  // CSV column, or the tag "artist" / "album" for a folder
    std::string label;     // CSV label column when the config has no dataset section
    bool without_group = false;  // --all-examples or --ignore-group: no split by group, so no group column
};

// The dataset a run uses: the config's section with the command line's choices applied. A
// CSV that has every column the config's section names keeps that layout; any other is read
// by its header: the label column (--label, else the config's, else "label"), and a column
// of audio paths ("path", "audio" or "file") or of text ("lyrics" or "text"). Throws
// timbre::Error naming the option and, for a CSV, the columns it has.
DatasetSpec dataset_for_run(const std::optional<DatasetSpec>& configured, const DatasetChoice& choice,
                            const std::string& config_file);

}  // namespace timbre::host
