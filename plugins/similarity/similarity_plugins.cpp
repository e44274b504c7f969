// SPDX-License-Identifier: GPL-3.0-or-later
// The library's entry list: the three built-in similarity metrics.
#include "similarity_plugins.hpp"

TIMBRE_EXPORT_PLUGINS(
    timbre::make_entry<timbre::plugins::GaussianSimilarity>(timbre::plugins::GaussianSimilarity::descriptor()),
    timbre::make_entry<timbre::plugins::VectorSimilarity>(timbre::plugins::VectorSimilarity::descriptor()),
    timbre::make_entry<timbre::plugins::DescriptorSimilarity>(timbre::plugins::DescriptorSimilarity::descriptor()))
