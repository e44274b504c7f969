// SPDX-License-Identifier: GPL-3.0-or-later
// Multi-label examples made from single-label recordings, for a tagger that must name every
// instrument heard at once: each mixture sums 2-4 recordings of different classes at random
// gains. The recordings are split first (by group where the dataset has one, else stratified
// by class; or by the dataset's own split), and each side's mixtures are drawn from its own
// recordings only, so no held-out mixture contains a note or clip that a training mixture
// does. Seeded: the same spec and data give the same mixtures.
#pragma once

#include "ml/dataset.hpp"

namespace timbre::host {

// Mixtures of `recordings` (audio examples with one label each) as `mixtures` specifies,
// split `test_fraction` held out by `seed`. The result has its own split (Example::held_out)
// and tags. Throws timbre::Error when a side has fewer classes than `min_voices` or the
// recordings are not audio files.
Dataset mix_recordings(const Dataset& recordings, const MixtureSpec& mixtures, double test_fraction, unsigned seed,
                       bool by_group);

}  // namespace timbre::host
