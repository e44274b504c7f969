// SPDX-License-Identifier: GPL-3.0-or-later
// A labelled dataset for `timbre train` and `timbre evaluate`: what the config's `dataset:`
// section declares, loaded into examples the graph can run on. Either a CSV with a label
// column and feature columns, a text column or a column of audio file paths (optionally a
// group column to keep e.g. each artist on one side of a split and an id column to
// de-duplicate), or a folder of audio with one sub-folder per label (grouped by a tag,
// de-duplicated by content) — or several such sources pooled into one dataset (recordings
// of the same classes from different studios, say), each example remembering its source. A
// source may be for training only (synthetic recordings): its examples are never scored.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "timbre/data_terms.hpp"

namespace timbre::host {

// Turns a free-text label column (a list of tags, say) into a documented set of classes:
// the first rule whose pattern occurs in the text (ECMAScript regex, case-insensitive) names
// the class; a row no rule matches is dropped and counted.
struct LabelRule {
    std::string pattern;
    std::string label;
};

// Columns from a second CSV, matched row by row on normalised text keys (lower case, runs of
// anything but letters and digits as one space): e.g. valence labels keyed by artist and title
// joined to a table of descriptors keyed the same way under other column names.
struct DatasetJoin {
    std::filesystem::path csv;
    std::vector<std::pair<std::string, std::string>> on;  // this dataset's column -> the joined CSV's
};

// A feature taken from a CSV column: the number it holds, or the year of the date it holds
// ("2019-06-14", "2019-06" or "2019": release dates come at any of these precisions).
struct FeatureColumn {
    enum class Reading { number, year };
    FeatureColumn(std::string column, Reading reading = Reading::number) : column(std::move(column)), reading(reading) {}
    FeatureColumn(const char* column) : FeatureColumn(std::string(column)) {}
    std::string column;
    Reading reading;
    std::string name() const { return reading == Reading::year ? column + ".year" : column; }
};

// `dataset.mixtures`: multi-label examples made from single-label recordings (the notes and
// clips of one instrument each, say), for a tagger. See ml/mixtures.hpp for how.
struct MixtureSpec {
    std::size_t count = 2000;       // mixtures in all, held out in test_fraction's share
    unsigned min_voices = 2;        // recordings summed per mixture, each of another class
    unsigned max_voices = 4;
    double min_gain_db = -12.0;     // each recording's gain, drawn uniformly in decibels
    double max_gain_db = 0.0;
    double seconds = 3.0;           // the first seconds of each recording are mixed
};

struct DatasetSpec {
    std::filesystem::path csv;           // resolved against the config's folder
    std::filesystem::path folder;        // or: one sub-folder of audio files per label
    std::string label;                   // column holding the class
    std::vector<LabelRule> label_rules;  // optional: map the label column's text to classes
    std::string target;                  // or, for a regressor: the numeric column to predict
    std::optional<DatasetJoin> join;     // optional: feature columns come from this joined CSV
    std::vector<FeatureColumn> features; // -> track.features
    std::string audio;                   // or: a column of audio paths (relative to the CSV) -> track.audio
    std::string text;                    // optional: a text column (lyrics) -> track.lyrics
    std::string split;                   // optional: a column saying "train" or "test" (the dataset's own split)
    std::filesystem::path test_csv;      // optional: a second CSV, same columns, that is the test split
    std::string group;                   // optional: rows sharing it stay on one side of a split
                                         // (folder datasets: the tag "artist" or "album")
    std::string id;                      // optional: keep the first row of each id
    double test_fraction = 0.2;
    unsigned seed = 42;
    std::optional<DataTerms> terms;      // optional: what the data allows; `timbre train` keeps it in the model
    std::vector<DatasetSpec> sources;    // or: several CSVs or folders pooled (then every field above but
                                         // test_fraction, seed and terms is each source's own)
    bool training_only = false;          // a source whose examples only ever train (synthetic ones):
                                         // never held out, never in a validation fold, never scored
    std::string made_by;                 // optional: the command that makes a generated CSV or folder,
                                         // named when it is missing
    std::optional<MixtureSpec> mixtures; // optional: the examples are mixtures of these recordings
};

// Whether any source of `spec` keeps groups on one side of a split.
bool is_grouped(const DatasetSpec& spec);
// Whether the examples are audio files (a folder or a column of paths), for every source
// (mixtures of them included).
// Throws timbre::Error if some sources are audio and others are not.
bool reads_audio(const DatasetSpec& spec);
// Where the data is, for messages: its CSV or folder, or its sources' joined by " + ".
std::string dataset_location(const DatasetSpec& spec);

// One recording of a mixture: its first `seconds`, scaled by `gain` (linear).
struct MixedPart {
    std::filesystem::path audio;
    double gain = 1.0;
    double seconds = 0.0;
};

struct Example {
    std::string label;                   // empty for a regression dataset; a mixture's tags joined by " + "
    double target = 0.0;                 // what a regressor should predict
    std::string group;
    std::vector<double> features;        // in DatasetSpec::features order
    std::filesystem::path audio;         // empty for descriptor datasets
    std::string text;
    bool held_out = false;               // the dataset's own split put it in "test" (never a training-only one)
    std::string key;                     // the example's identity (a hash): of its id column, else its
                                         // normalised text, else its audio's content, else its whole row
    std::string origin;                  // where it comes from, for messages: its audio file, or CSV file:line
    std::size_t source = 0;              // index into DatasetSpec::sources (0 for a single source)
    bool training_only = false;          // from a training-only source: never held out or scored
    std::vector<std::string> tags;       // a mixture's classes, sorted (what a tagger learns)
    std::vector<MixedPart> mix;          // a mixture's recordings (then `audio` is empty)
};

// One of a pooled dataset's sources, as a split needs it.
struct DatasetSource {
    std::string location;  // its CSV or folder, for messages
    bool grouped = false;  // it names a group column (or tag)
};

struct Dataset {
    std::vector<DatasetSource> sources;  // when there are several (each is split alone: data_split.hpp)
    bool tagged = false;                 // examples are mixtures with tags, for a tagger
    std::vector<std::string> feature_names;
    bool has_own_split = false;
    std::vector<Example> examples;
    std::size_t duplicates_dropped = 0;   // repeated ids, normalised texts or audio contents (within one side
                                          // of the dataset's own split)
    std::size_t unjoined_dropped = 0;     // rows the join found no match for
    std::size_t unlabelled_dropped = 0;   // rows with an empty label (or none a label rule matches), or an
                                          // empty text for a text dataset
};

// Throws timbre::Error naming the file, line and column of a missing column or a value
// that is not a number.
Dataset load_dataset(const DatasetSpec& spec);

// The examples at `indices` (in that order) with everything else of `dataset`: a part that
// folds are dealt from as they would be from the whole.
Dataset dataset_part(const Dataset& dataset, const std::vector<std::size_t>& indices);

}  // namespace timbre::host
