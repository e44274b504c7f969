// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin's complete self-description. The host builds `timbre plugins describe`, the docs
// and the config validator from it alone, without running the plugin.
// An id (`timbre.melspec`) is a promise: once published it never changes meaning.
#pragma once

#include <string>
#include <vector>

#include "timbre/params.hpp"
#include "timbre/values.hpp"

namespace timbre {

enum class Kind { extractor, classifier, similarity, regressor, tagger };

std::string to_string(Kind kind);

// Whether plugins of this kind learn a model from labelled data (classifier, regressor, tagger).
bool learns(Kind kind);

// A typed input or output; doc states what the value means and its units. An optional
// input may be left unwired; the plugin then finds no value on it (Inputs::has is false).
struct PortSpec {
    std::string name;
    PortType type = PortType::vector;
    std::string doc;
    bool optional = false;
    // Outputs only: NaN in this output means "could not be measured" (the integrated loudness
    // of silence, the tempo of a track without a beat) and is stored as null. In any other
    // output, and infinity in every output, the host fails the track naming the node.
    bool nan_is_unknown = false;
    // Optional inputs only: when the node wired here is skipped on a track (an optional model
    // that did not apply, such as lyrics on a file without them), run without this input
    // (Inputs::has is false) rather than be skipped too. Leave it false where a missing input
    // would change what the output means to its readers (a joined vector losing names).
    bool absent_if_skipped = false;
};

struct Descriptor {
    std::string id;
    std::string version;
    Kind kind = Kind::extractor;
    std::string description;
    std::vector<PortSpec> inputs;
    std::vector<PortSpec> outputs;
    std::vector<ParamSpec> params;

    const PortSpec* input(const std::string& name) const;
    const PortSpec* output(const std::string& name) const;
    const ParamSpec* param(const std::string& name) const;
};

}  // namespace timbre
