// SPDX-License-Identifier: GPL-3.0-or-later
// Entry list of the libtorch model library.
#include "torch_classifiers.hpp"

TIMBRE_EXPORT_PLUGINS(timbre::PluginEntry{timbre::plugins::cnn_classifier_descriptor(),
                                          timbre::plugins::make_cnn_classifier},
                      timbre::PluginEntry{timbre::plugins::text_embedding_classifier_descriptor(),
                                          timbre::plugins::make_text_embedding_classifier},
                      timbre::PluginEntry{timbre::plugins::triplet_embedding_descriptor(),
                                          timbre::plugins::make_triplet_embedding})
