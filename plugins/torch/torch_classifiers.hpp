// SPDX-License-Identifier: GPL-3.0-or-later
// The models this library exports, declared for the library's entry list.
#pragma once

#include <memory>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

Descriptor cnn_classifier_descriptor();
std::unique_ptr<Plugin> make_cnn_classifier();
Descriptor text_embedding_classifier_descriptor();
std::unique_ptr<Plugin> make_text_embedding_classifier();
Descriptor triplet_embedding_descriptor();
std::unique_ptr<Plugin> make_triplet_embedding();

}  // namespace timbre::plugins
