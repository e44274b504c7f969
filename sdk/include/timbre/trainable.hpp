// SPDX-License-Identifier: GPL-3.0-or-later
// An optional capability of a plugin: learning its model from labelled examples (a class,
// for regressors a number, for taggers the set of tags that apply). The host finds it with dynamic_cast on a constructed instance, so the core Plugin interface stays
// the same for plugins that do not train. `timbre train` calls it, then write_terms() with the
// training data's terms when the dataset states them; inference reads the written model
// through the plugin's own `model` parameter (a path).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "timbre/data_terms.hpp"
#include "timbre/plugin.hpp"

namespace timbre {

// The inputs the graph produced for one example, and its class.
struct LabelledExample {
    Inputs inputs;
    std::string label;
};

class Trainable : public virtual ModelFileTerms {
public:
    virtual ~Trainable();
    // [main thread] After configure() (the `model` parameter may name no file yet): learn
    // from `examples` and write the model to `model_file`, overwriting it. Throw
    // timbre::Error with a reason a user can act on (too few examples of a class, ...).
    virtual void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) = 0;
};

// The inputs the graph produced for one example, and the number it should predict.
struct TargetExample {
    Inputs inputs;
    double target = 0.0;
};

// The same capability for a regressor (kind `regressor`, a `model` path parameter and one
// scalar output): it learns to predict a number (valence, arousal, ...).
class TrainableRegressor : public virtual ModelFileTerms {
public:
    virtual ~TrainableRegressor();
    virtual void train(const std::vector<TargetExample>& examples, const std::filesystem::path& model_file) = 0;
};

// The inputs the graph produced for one example, and every tag that applies to it (none,
// one or several: the instruments heard in a mixture, say).
struct TaggedExample {
    Inputs inputs;
    std::vector<std::string> tags;
};

// The same capability for a tagger (kind `tagger`, a `model` path parameter and a vector
// output named by the tags): it learns the probability that each tag applies, each on its
// own, so they need not add up to one.
class TrainableTagger : public virtual ModelFileTerms {
public:
    virtual ~TrainableTagger();
    virtual void train(const std::vector<TaggedExample>& examples, const std::filesystem::path& model_file) = 0;
};

}  // namespace timbre
