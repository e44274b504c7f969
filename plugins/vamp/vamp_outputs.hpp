// SPDX-License-Identifier: GPL-3.0-or-later
// Vamp plugins seen as timbre extractors: which outputs are offered, under which id, with
// which parameters. One extractor per output, id vamp.<library>.<plugin>.<output>
// (lowercase; other characters become '_'), whose `values` are frames, or, for an output whose
// bin count varies (a list of candidates, say), the one feature it gives per track as a
// vector: Vamp has no per-track sample type, so that is the one shape such an output can
// take in a graph that needs one size per port. Its parameters
// are the Vamp plugin's (ranges and units kept; named values become choices; quantised
// steps of 1 become integers) plus block_size and step_size (0: the plugin's preference).
#pragma once

#include <vamp-hostsdk/PluginLoader.h>

#include <memory>
#include <string>

#include "timbre/timbre.hpp"

namespace timbre::plugins {

using VampKey = Vamp::HostExt::PluginLoader::PluginKey;

// The rate plugins are loaded at to read their descriptors; a track loads its own rate.
inline constexpr float kDescriptorRate = 44100.0f;

// A Vamp plugin loaded at `rate` with the host SDK's input-domain and channel adapters
// (frequency-domain plugins get windowed FFT frames; one channel in is always accepted).
// Throws timbre::Error naming the key if it cannot be loaded.
std::unique_ptr<Vamp::Plugin> load_vamp_plugin(const VampKey& key, float rate);

// The SDK's search path (VAMP_PATH, else its defaults), plus Debian's multiarch folder when
// VAMP_PATH is not set.
void use_debian_vamp_path();

Descriptor vamp_output_descriptor(const VampKey& key, const Vamp::Plugin& plugin,
                                  const Vamp::Plugin::OutputDescriptor& output);

// A Vamp parameter's value from the timbre parameter of the same name.
float vamp_parameter_value(const Vamp::PluginBase::ParameterDescriptor& parameter, const Params& params);

}  // namespace timbre::plugins
