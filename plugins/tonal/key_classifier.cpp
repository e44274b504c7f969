// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.key_classifier: the key from profiles learned by `timbre train` on recordings with
// annotated keys (key_model.hpp), as class probabilities over the 24 keys so that train and
// evaluate score it like any classifier, plus the key, mode and strength timbre.key gives.
#include <algorithm>

#include "key_model.hpp"
#include "key_plugins.hpp"

namespace timbre::plugins {

std::array<double, 12> mean_chroma(const Frames& chroma) {
    if (chroma.bin_count() != 12) {
        throw InputError("chroma must have 12 bins, got " + std::to_string(chroma.bin_count()));
    }
    std::array<double, 12> mean{};
    for (std::size_t f = 0; f < chroma.frame_count(); ++f) {
        for (int c = 0; c < 12; ++c) {
            mean[c] += chroma.at(f, c);
        }
    }
    for (double& value : mean) {
        value /= static_cast<double>(std::max<std::size_t>(1, chroma.frame_count()));
    }
    return mean;
}

Descriptor key_classifier_descriptor() {
    return Descriptor{
        "timbre.key_classifier",
        "1.0.0",
        Kind::classifier,
        "Key and mode from key profiles learned on recordings with annotated keys (timbre train)",
        {{"chroma", PortType::frames, "12-bin chroma, C..B (timbre.chroma's harmonic_chroma)"}},
        {{"labels", PortType::labels, "probability of each of the 24 keys (\"C major\" .. \"B minor\")"},
         {"key", PortType::text, "tonic and mode, e.g. \"A minor\""},
         {"mode", PortType::scalar, "1 for major, 0 for minor"},
         {"strength", PortType::scalar, "correlation with the winning key's learned profile, -1..1"},
         {"pitch_classes", PortType::vector, "the track's mean chroma, scaled to a largest value of 1 (C..B)"}},
        {{"model", ParamType::path, std::string(), {}, {}, {}, "", "key model written by `timbre train` (YAML)"}}};
}

namespace {

class KeyClassifier : public Plugin, public Trainable {
public:
    void configure(const Params& params) override {
        const std::string& file = params.string("model");
        model_.reset();
        if (!file.empty()) {
            model_ = read_key_model(file);
        }
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw ParameterError("model", "no key model: train one with `timbre train` or name its file");
        }
        std::array<double, 12> mean = mean_chroma(inputs.get<Frames>("chroma"));
        const KeyEstimate key = estimate_key(mean, model_->profiles);
        const auto probabilities = key_probabilities(key, model_->sharpness);
        std::vector<std::pair<std::string, double>> labels;
        for (int i = 0; i < 24; ++i) {
            labels.emplace_back(key_name(i), probabilities[i]);
        }
        std::vector<std::string> names;
        const double loudest = *std::max_element(mean.begin(), mean.end());
        for (int c = 0; c < 12; ++c) {
            names.push_back(pitch_class_name(c));
            mean[c] = loudest > 0.0 ? mean[c] / loudest : 0.0;
        }
        Outputs outputs;
        outputs.put("labels", Labels(std::move(labels)));
        outputs.put("key", Text{key_name(key.index())});
        outputs.put("mode", Scalar{key.major ? 1.0 : 0.0, ""});
        outputs.put("strength", Scalar{key.strength, ""});
        outputs.put("pitch_classes", Vector(std::move(names), {mean.begin(), mean.end()}));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        std::vector<AnnotatedChroma> annotated;
        for (const auto& example : examples) {
            const int key = key_index(example.label);
            if (key < 0) {
                throw Error("label '" + example.label + "' is not a key such as \"A minor\" or \"F# major\"");
            }
            annotated.push_back({mean_chroma(example.inputs.get<Frames>("chroma")), key});
        }
        write_key_model(model_file, fit_key_model(annotated), std::nullopt);
    }

    std::optional<DataTerms> read_terms(const std::filesystem::path& model_file) const override {
        return read_key_model_terms(model_file);
    }

    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override {
        write_key_model(model_file, read_key_model(model_file), terms);
    }

private:
    std::optional<KeyModel> model_;
};

}  // namespace

std::unique_ptr<Plugin> make_key_classifier() { return std::make_unique<KeyClassifier>(); }

}  // namespace timbre::plugins
