// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.fluctuation, exported by the rhythm library beside timbre.rhythm: both read the
// log-mel spectrogram's loudness over time.
#pragma once

#include <memory>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

Descriptor fluctuation_descriptor();
std::unique_ptr<Plugin> make_fluctuation();

}  // namespace timbre::plugins
