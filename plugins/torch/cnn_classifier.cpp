// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.cnn_classifier: a convolutional network on log-mel patches (about 3 s each), trained
// with libtorch on the CPU; a track's class probabilities are the mean of its patches', and
// its learned embedding the mean of its patches' pooled features, scaled to unit length (for
// a cosine similarity metric: tracks the network hears alike are near).
// Trainable: each epoch draws fresh random patches from every training track, so a
// 30-second clip yields many different views. The model file holds the network, the class
// names, the band standardisation and the shape it was trained for, and inference checks
// the wiring against that shape.
#include <torch/torch.h>

#include <iostream>
#include <optional>
#include <random>

#include "archive_model_terms.hpp"
#include "embedding_output.hpp"
#include "mel_patches.hpp"
#include "patch_network.hpp"
#include "timbre/text/line_list.hpp"
#include "torch_classifiers.hpp"
#include "torch_threads.hpp"
#include "training_schedule.hpp"

namespace timbre::plugins {

Descriptor cnn_classifier_descriptor() {
    return Descriptor{
        "timbre.cnn_classifier",
        "1.1.0",
        Kind::classifier,
        "Convolutional network on log-mel patches (libtorch); track probabilities average its patches'",
        {{"mel", PortType::frames, "log-mel spectrogram in dB (timbre.melspec), the band count the model was trained on"}},
        {{"labels", PortType::labels, "probability of each class the model was trained on"},
         {"embedding", PortType::vector,
          "learned embedding: the patches' mean pooled features (16 x width values, e000...), unit length"}},
        {
            {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train` (libtorch archive)"},
            {"patch_frames", ParamType::integer, std::int64_t{128}, 16, 4096, {}, "frames",
             "patch length in mel frames (training; inference uses the model's)"},
            {"hop_frames", ParamType::integer, std::int64_t{64}, 1, 4096, {}, "frames",
             "inference: distance between patch starts"},
            {"width", ParamType::integer, std::int64_t{16}, 2, 128, {}, "", "channels of the first block (doubling per block)"},
            {"dropout", ParamType::real, 0.3, 0.0, 0.9, {}, "", "dropout before the output layer"},
            {"epochs", ParamType::integer, std::int64_t{30}, 1, 1000, {}, "", "passes over the training tracks"},
            {"patches_per_track", ParamType::integer, std::int64_t{8}, 1, 256, {}, "", "random patches per track per epoch"},
            {"batch", ParamType::integer, std::int64_t{32}, 1, 4096, {}, "", "patches per optimiser step"},
            {"learning_rate", ParamType::real, 0.002, 1e-6, 1.0, {}, "", "AdamW peak learning rate (cosine decay)"},
            {"weight_decay", ParamType::real, 1e-3, 0.0, 1.0, {}, "", "AdamW weight decay"},
            {"seed", ParamType::integer, std::int64_t{0}, 0, 1000000, {}, "", "seed for initial weights and patch draws"},
            {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "", "training threads, 0 = all cores"},
        }};
}

namespace {

// What a model file holds besides the network's weights.
struct ModelShape {
    std::vector<std::string> classes;
    BandScaling scaling;
    std::int64_t width = 0;
    std::int64_t patch_frames = 0;
    std::optional<DataTerms> terms;
};

void save_patch_model(PatchNetwork& network, const ModelShape& shape, const std::filesystem::path& file) {
    torch::serialize::OutputArchive archive;
    archive.write("classes", c10::IValue(text::join_lines(shape.classes)));
    archive.write("band_mean", shape.scaling.mean);
    archive.write("band_scale", shape.scaling.scale);
    archive.write("width", torch::tensor(shape.width));
    archive.write("patch_frames", torch::tensor(shape.patch_frames));
    torch::serialize::OutputArchive weights;
    network->save(weights);
    archive.write("network", weights);
    write_terms_entry(archive, shape.terms);
    archive.save_to(file.string());
}

std::pair<PatchNetwork, ModelShape> load_patch_model(const std::string& file) {
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(file);
    } catch (const c10::Error& error) {
        throw ParameterError("model", file + " is not a timbre.cnn_classifier model: " + error.what_without_backtrace());
    }
    ModelShape shape;
    c10::IValue classes;
    archive.read("classes", classes);
    shape.classes = text::split_lines(classes.toStringRef());
    archive.read("band_mean", shape.scaling.mean);
    archive.read("band_scale", shape.scaling.scale);
    torch::Tensor width, patch_frames;
    archive.read("width", width);
    archive.read("patch_frames", patch_frames);
    shape.width = width.item<std::int64_t>();
    shape.patch_frames = patch_frames.item<std::int64_t>();
    shape.terms = read_terms_entry(archive, file);
    PatchNetwork network(static_cast<std::int64_t>(shape.classes.size()), shape.width, 0.0);
    torch::serialize::InputArchive weights;
    archive.read("network", weights);
    network->load(weights);
    network->eval();
    return {network, shape};
}

class CnnClassifier : public Plugin, public Trainable, public ArchiveModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        network_.reset();
        const std::string file = model_file_to_load(params);
        if (file.empty()) {
            return;
        }
        auto [network, shape] = load_patch_model(file);
        network_ = network;
        shape_ = std::move(shape);
    }

    Outputs process(const Inputs& inputs) override {
        if (!network_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const Frames& mel = inputs.get<Frames>("mel");
        const auto bands = shape_.scaling.mean.size(0);
        if (static_cast<std::int64_t>(mel.bin_count()) != bands) {
            throw InputError("the model was trained on " + std::to_string(bands) + " mel bands, the input has " +
                             std::to_string(mel.bin_count()));
        }
        use_one_torch_thread();
        torch::NoGradGuard no_gradients;
        const torch::Tensor patches = patches_every(standardised(mel, shape_.scaling), shape_.patch_frames,
                                                    std::min<std::int64_t>(params_.integer("hop_frames"), shape_.patch_frames));
        // A few patches at a time: a whole 5-minute track at once holds ~100 MB of activations.
        constexpr std::int64_t kPatchesPerPass = 16;
        torch::Tensor sum = torch::zeros({static_cast<std::int64_t>(shape_.classes.size())});
        torch::Tensor features;
        for (std::int64_t first = 0; first < patches.size(0); first += kPatchesPerPass) {
            const torch::Tensor part = patches.slice(0, first, std::min(first + kPatchesPerPass, patches.size(0)));
            const torch::Tensor pooled = (*network_)->pooled(part);
            features = features.defined() ? features + pooled.sum(0) : pooled.sum(0);
            sum += torch::softmax((*network_)->scores(pooled), 1).sum(0);
        }
        return labels_and_embedding(shape_.classes, sum / patches.size(0), features);
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        const ClassEncoding encoding = encode_classes(examples);
        TorchThreads threads(static_cast<int>(params_.integer("threads")));
        std::mt19937 random_engine = seeded_randomness(params_);

        ModelShape shape{encoding.classes, {}, params_.integer("width"), params_.integer("patch_frames")};
        std::vector<const Frames*> spectrograms;
        for (const auto& example : examples) {
            spectrograms.push_back(&example.inputs.get<Frames>("mel"));
            if (spectrograms.back()->bin_count() != spectrograms.front()->bin_count()) {
                throw Error("training spectrograms have different band counts");
            }
        }
        shape.scaling = BandScaling::fit(spectrograms);
        std::vector<torch::Tensor> tracks;
        for (const Frames* mel : spectrograms) {
            tracks.push_back(standardised(*mel, shape.scaling));
        }

        PatchNetwork network(static_cast<std::int64_t>(shape.classes.size()), shape.width, params_.real("dropout"));
        const double peak_rate = params_.real("learning_rate");
        torch::optim::AdamW optimiser(network->parameters(),
                                      torch::optim::AdamWOptions(peak_rate).weight_decay(params_.real("weight_decay")));
        const auto epochs = params_.integer("epochs");
        const auto per_track = params_.integer("patches_per_track");
        const auto batch = params_.integer("batch");
        network->train();
        for (std::int64_t epoch = 0; epoch < epochs; ++epoch) {
            follow_cosine_schedule(optimiser, peak_rate, epoch, epochs);
            std::vector<torch::Tensor> patches, labels;
            for (std::size_t t = 0; t < tracks.size(); ++t) {
                patches.push_back(random_patches(tracks[t], shape.patch_frames, per_track, random_engine));
                labels.push_back(torch::full({per_track}, static_cast<std::int64_t>(encoding.indices[t]), torch::kInt64));
            }
            const torch::Tensor inputs = torch::cat(patches);
            const torch::Tensor targets = torch::cat(labels);
            const torch::Tensor order = torch::randperm(inputs.size(0), torch::kInt64);
            double loss_sum = 0.0;
            std::int64_t steps = 0;
            for (std::int64_t start = 0; start < inputs.size(0); start += batch) {
                const torch::Tensor index = order.slice(0, start, std::min(start + batch, inputs.size(0)));
                if (index.size(0) < 2) {
                    continue;  // batch norm needs two patches
                }
                optimiser.zero_grad();
                const torch::Tensor loss =
                    torch::nn::functional::cross_entropy(network->forward(inputs.index_select(0, index)),
                                                         targets.index_select(0, index));
                loss.backward();
                optimiser.step();
                loss_sum += loss.item<double>();
                ++steps;
            }
            std::clog << "timbre.cnn_classifier: epoch " << epoch + 1 << "/" << epochs << ", training loss "
                      << loss_sum / std::max<std::int64_t>(1, steps) << std::endl;
        }
        network->eval();
        save_patch_model(network, shape, model_file);
    }

    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override {
        auto [network, shape] = load_patch_model(model_file.string());
        shape.terms = terms;
        save_patch_model(network, shape, model_file);
    }

private:
    Params params_;
    std::optional<PatchNetwork> network_;
    ModelShape shape_;
};

}  // namespace

std::unique_ptr<Plugin> make_cnn_classifier() { return std::make_unique<CnnClassifier>(); }

}  // namespace timbre::plugins
