// SPDX-License-Identifier: GPL-3.0-or-later
// Entry list of the XGBoost classifier library.
#include "xgboost_classifiers.hpp"

TIMBRE_EXPORT_PLUGINS(timbre::PluginEntry{timbre::plugins::gbt_classifier_descriptor(),
                                          timbre::plugins::make_gbt_classifier},
                      timbre::PluginEntry{timbre::plugins::text_classifier_descriptor(),
                                          timbre::plugins::make_text_classifier},
                      timbre::PluginEntry{timbre::plugins::gbt_regressor_descriptor(),
                                          timbre::plugins::make_gbt_regressor},
                      timbre::PluginEntry{timbre::plugins::gbt_tagger_descriptor(),
                                          timbre::plugins::make_gbt_tagger})
