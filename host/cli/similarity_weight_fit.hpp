// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train` on a config with a `fit_similarity:` section: fits the weights of the
// default similarity mix on its labelled collections, reports how the fitted mix does on each
// collection when that collection took no part in the fit, and writes the weights to the file
// the config's `similarity:` names, where `similar`, `playlist` and `serve` read them.
#pragma once

#include "cli/pipeline_loading.hpp"

namespace timbre::host {

int fit_similarity_weights(const LoadedPipeline& pipeline);

}  // namespace timbre::host
