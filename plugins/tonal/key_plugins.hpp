// SPDX-License-Identifier: GPL-3.0-or-later
// What the two key plugins share: reading a chroma input into its mean, and the trained
// classifier's entry (timbre.key_classifier; timbre.key lives beside timbre.chroma).
#pragma once

#include <array>
#include <memory>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

// The mean of a 12-bin chroma's frames; throws InputError for another bin count.
std::array<double, 12> mean_chroma(const Frames& chroma);

Descriptor key_classifier_descriptor();
std::unique_ptr<Plugin> make_key_classifier();

}  // namespace timbre::plugins
