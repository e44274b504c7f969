// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline config as written in YAML, with the position of every element kept so that
// later checks (which need the plugin registry) can still point at the offending line.
// Parsing checks only shape: which keys exist and what kind of value each holds.
// Composition: `include: [a.yaml, ...]` (paths relative to the including file) brings in
// other configs' nodes, outputs and settings first. A node id may be defined once; an
// included node is replaced only by a node listed under `overrides:`, which must name an
// included node. A setting the including file gives wins; two included files that give one
// setting differently are an error until the including file settles it. Elements of an
// included file keep that file's name in their positions, so every diagnostic points there.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "decode/audio_decoder.hpp"
#include "graph/diagnostic.hpp"
#include "ml/dataset.hpp"
#include "timbre/params.hpp"

namespace timbre::host {

// `node.port` as written in the config, e.g. `track.audio` or `mel.mel`.
struct PortReference {
    std::string node;
    std::string port;
    SourcePosition position;
    std::string text() const { return node + "." + port; }
};

struct ParamSetting {
    ParamValue value;
    SourcePosition position;       // of the value
    SourcePosition name_position;  // of the parameter's name
};

struct NodeConfig {
    std::string id;
    std::string plugin;
    SourcePosition position;         // of the node's mapping
    SourcePosition id_position;
    SourcePosition plugin_position;
    std::map<std::string, ParamSetting> params;
    std::map<std::string, PortReference> inputs;   // input port -> source
    std::map<std::string, SourcePosition> input_key_positions;
    bool optional = false;           // a failure on a track skips this node (and what reads it), not the track
    bool frozen = false;             // a model used as it is: `timbre train` never fits it again
    SourcePosition frozen_position;
};

// `fit_similarity:`: labelled collections on which `timbre train` fits the weights of the
// `similarity:` mix, maximising the neighbours' agreement with each collection's label.
struct SimilarityFitSpec {
    SourcePosition position;
    std::vector<std::pair<std::string, SourcePosition>> metrics;  // similarity nodes to weigh
    std::vector<DatasetSpec> collections;                         // each with a label (and a group)
    std::size_t k = 5;
    std::vector<double> grid{0.0, 0.25, 0.5, 1.0, 2.0, 4.0};      // the weights a metric may take
};

struct PipelineConfig {
    std::string file;                // as given, for diagnostics
    std::string text;                // the YAML source, kept for the run record
    std::vector<std::string> included;  // every file included, directly or not, in order
    double sample_rate_hz = 22050.0;
    ResampleQuality resample_quality = ResampleQuality::medium;
    DecodeWindow window;
    std::vector<std::filesystem::path> plugin_paths;  // resolved against the config's folder
    std::vector<NodeConfig> nodes;
    std::optional<std::vector<PortReference>> outputs;  // absent: store every summary output
    SourcePosition nodes_position;
    std::optional<DatasetSpec> dataset;  // for train/evaluate: the labelled data
    // `similarity: {node: weight, ...}`: how similar/playlist mix the similarity nodes by
    // default (each normalised by mutual proximity); empty = every one equally.
    std::map<std::string, std::pair<double, SourcePosition>> similarity_weights;
    // `similarity: FILE` instead: the same mapping, kept in its own file because `timbre train`
    // fits it (see SimilarityFitSpec) and writes it there.
    std::filesystem::path similarity_weights_file;
    std::optional<SimilarityFitSpec> similarity_fit;
};

// The node id that stands for the track being analysed; its outputs are `audio` and `lyrics`.
inline constexpr const char* kTrackNode = "track";

// Parses YAML text; shape problems are appended to `diagnostics` (the result is then partial).
PipelineConfig parse_pipeline(const std::string& text, const std::string& file, std::vector<Diagnostic>& diagnostics);

// A plain (unquoted) scalar typed as YAML 1.2's core schema does: bool, integer, real, else string.
ParamValue plain_scalar_value(const std::string& text);

// Reads and parses a config file; an unreadable file is a diagnostic at 1:1.
PipelineConfig read_pipeline(const std::filesystem::path& file, std::vector<Diagnostic>& diagnostics);

}  // namespace timbre::host
