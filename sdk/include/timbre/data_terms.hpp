// SPDX-License-Identifier: GPL-3.0-or-later
// What a model may be used for, inherited from the data it learned from: a model trained on
// non-commercial or research-only data carries those terms. `timbre train` takes them from
// the config's `dataset.terms` (or --data-use), a trainable plugin keeps them inside each
// model file it writes, so they travel with the file, and the host shows them (`plugins
// describe --model`, `validate`, the store, the web page) and says once per run when a
// pipeline's models limit its use.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace timbre {

enum class DataUse { unrestricted, non_commercial, research_only };

// "unrestricted", "non-commercial", "research-only": the names configs and model files use.
std::string_view data_use_name(DataUse use);
std::optional<DataUse> data_use_named(std::string_view name);

struct DataTerms {
    DataUse use;
    std::string licence;  // as the data's publishers state it ("CC BY-NC-SA 3.0"); may be empty
    std::string source;   // the data ("Emotify (Aljanaki et al. 2015), Magnatune clips"); may be empty
    bool operator==(const DataTerms&) const = default;
};

// The terms as one string a model file can keep (three lines: use, licence, source), and
// back; parse_data_terms throws timbre::Error on text data_terms_text did not make.
std::string data_terms_text(const DataTerms& terms);
DataTerms parse_data_terms(const std::string& text);

// What every trainable plugin can do with a model file it wrote: read and write the terms
// kept in it. Trainable and TrainableRegressor derive from it, so a plugin that writes models
// cannot leave it out; the host finds it with dynamic_cast on an unconfigured instance.
class ModelFileTerms {
public:
    virtual ~ModelFileTerms();
    // [any thread; needs no configure()] The terms kept in `model_file`, or nullopt when it
    // keeps none (written before terms were recorded, or trained without them). Throws
    // timbre::Error naming the file if it is not a model of this plugin.
    virtual std::optional<DataTerms> read_terms(const std::filesystem::path& model_file) const = 0;
    // [main thread] Keeps `terms` in `model_file`, a model this plugin wrote, leaving what
    // the model computes unchanged.
    virtual void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const = 0;
};

}  // namespace timbre
