// SPDX-License-Identifier: GPL-3.0-or-later
// The models (classifiers, a regressor and a tagger) this library exports, declared for the library's entry list.
#pragma once

#include <memory>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

Descriptor gbt_classifier_descriptor();
std::unique_ptr<Plugin> make_gbt_classifier();

Descriptor text_classifier_descriptor();
std::unique_ptr<Plugin> make_text_classifier();

Descriptor gbt_regressor_descriptor();
std::unique_ptr<Plugin> make_gbt_regressor();
Descriptor gbt_tagger_descriptor();
std::unique_ptr<Plugin> make_gbt_tagger();

}  // namespace timbre::plugins
