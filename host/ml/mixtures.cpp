// SPDX-License-Identifier: GPL-3.0-or-later
// Per side: the number of voices is drawn uniformly from [min_voices, max_voices] (capped at
// the side's class count), that many distinct classes uniformly, one recording of each
// uniformly, and each recording's gain uniformly in decibels. A mixture's identity (its
// fingerprint key) is its recordings' identities and gains, so a training fingerprint
// lists exactly the mixtures a model learned from.
#include "ml/mixtures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "ml/data_split.hpp"
#include "timbre/error.hpp"
#include "tracks/content_hash.hpp"

namespace timbre::host {

namespace {

// The recordings of one side, by class.
using ByClass = std::map<std::string, std::vector<const Example*>>;

void append_mixtures(const ByClass& side, std::size_t count, bool held_out, const MixtureSpec& spec,
                     std::mt19937& generator, Dataset& mixed) {
    std::vector<std::string> classes;
    for (const auto& [label, members] : side) {
        classes.push_back(label);
    }
    if (count > 0 && classes.size() < spec.min_voices) {
        throw Error(std::string("dataset.mixtures: the ") + (held_out ? "held-out" : "training") + " recordings hold " +
                    std::to_string(classes.size()) + " class(es), fewer than min_voices (" +
                    std::to_string(spec.min_voices) + ")");
    }
    const auto most = static_cast<unsigned>(std::min<std::size_t>(spec.max_voices, classes.size()));
    std::uniform_int_distribution<unsigned> voices(spec.min_voices, std::max(spec.min_voices, most));
    std::uniform_real_distribution<double> gain_db(spec.min_gain_db, spec.max_gain_db);
    for (std::size_t m = 0; m < count; ++m) {
        std::vector<std::string> chosen = classes;
        std::shuffle(chosen.begin(), chosen.end(), generator);
        chosen.resize(voices(generator));
        std::sort(chosen.begin(), chosen.end());
        Example example;
        example.held_out = held_out;
        example.tags = chosen;
        std::string identity, files;
        for (const auto& label : chosen) {
            const auto& members = side.at(label);
            const Example& recording =
                *members[std::uniform_int_distribution<std::size_t>(0, members.size() - 1)(generator)];
            const double db = gain_db(generator);
            example.mix.push_back({recording.audio, std::pow(10.0, db / 20.0), spec.seconds});
            example.label += (example.label.empty() ? "" : " + ") + label;
            identity += recording.key + "@" + std::to_string(db) + ";";
            files += (files.empty() ? "" : " + ") + recording.audio.filename().string();
        }
        example.key = hash_text("mixture:" + identity);
        example.group = example.key;
        example.origin = "mixture " + std::to_string(mixed.examples.size() + 1) + " (" + files + ")";
        mixed.examples.push_back(std::move(example));
    }
}

}  // namespace

Dataset mix_recordings(const Dataset& recordings, const MixtureSpec& mixtures, double test_fraction, unsigned seed,
                       bool by_group) {
    Dataset mixed;
    mixed.feature_names = recordings.feature_names;
    mixed.has_own_split = true;
    mixed.tagged = true;
    mixed.duplicates_dropped = recordings.duplicates_dropped;
    mixed.unlabelled_dropped = recordings.unlabelled_dropped;
    mixed.unjoined_dropped = recordings.unjoined_dropped;
    std::vector<bool> held_out(recordings.examples.size(), false);
    if (recordings.has_own_split) {
        for (std::size_t i = 0; i < held_out.size(); ++i) {
            held_out[i] = recordings.examples[i].held_out;
        }
    } else {
        for (std::size_t i : holdout_split(recordings, test_fraction, seed, by_group).test) {
            held_out[i] = true;
        }
    }
    ByClass training, testing;
    for (std::size_t i = 0; i < recordings.examples.size(); ++i) {
        const Example& recording = recordings.examples[i];
        if (recording.audio.empty()) {
            throw Error("dataset.mixtures: " + recording.origin + " is not an audio file; only recordings can be mixed");
        }
        (held_out[i] ? testing : training)[recording.label].push_back(&recording);
    }
    const auto test_count = static_cast<std::size_t>(std::lround(static_cast<double>(mixtures.count) * test_fraction));
    std::mt19937 generator(seed);
    append_mixtures(training, mixtures.count - test_count, false, mixtures, generator, mixed);
    append_mixtures(testing, test_count, true, mixtures, generator, mixed);
    return mixed;
}

}  // namespace timbre::host
