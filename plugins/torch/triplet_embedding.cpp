// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.triplet_embedding: a similarity metric learned from labels. A track's summary vector
// (every statistic features.yaml computes, joined) goes through a small network
// (summary_network.hpp) trained with a batch-hard triplet loss (triplet_loss.hpp), so tracks
// of the same class (genre, mood quadrant) end up nearer each other than tracks of other
// classes; its unit-length output is read by timbre.vector_similarity with cosine distance.
// Unlike the CNN's embedding, which is a side product of a classifier, this one is trained
// for the distances themselves. It also classifies (softmax over the cosine to each class's
// mean training embedding, at a temperature fitted on the training tracks), so `timbre
// evaluate` scores it like any model. Trainable; the model file holds the feature names and
// their standardisation, the classes, their centroids and the temperature, the network's
// shape and its weights.
#include <torch/torch.h>

#include <iostream>
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <random>

#include "archive_model_terms.hpp"
#include "centroid_temperature.hpp"
#include "embedding_output.hpp"
#include "summary_network.hpp"
#include "timbre/text/line_list.hpp"
#include "torch_classifiers.hpp"
#include "torch_threads.hpp"
#include "training_schedule.hpp"
#include "triplet_loss.hpp"

namespace timbre::plugins {

Descriptor triplet_embedding_descriptor() {
    return Descriptor{
        "timbre.triplet_embedding",
        "1.1.0",
        Kind::classifier,
        "Embedding of a summary vector trained with a triplet loss on class labels (libtorch), for cosine similarity",
        {{"features", PortType::vector, "a track's summary vector (timbre.join of the statistics), by feature name"}},
        {{"labels", PortType::labels,
          "probability of each class: softmax of the cosine to each class's centroid, at the model's fitted temperature"},
         {"embedding", PortType::vector, "the learned embedding (e000...), unit length"}},
        {
            {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train` (libtorch archive)"},
            {"dimensions", ParamType::integer, std::int64_t{64}, 2, 1024, {}, "", "embedding size"},
            {"hidden", ParamType::integer, std::int64_t{256}, 2, 8192, {}, "", "hidden layer size"},
            {"dropout", ParamType::real, 0.3, 0.0, 0.9, {}, "", "dropout after the hidden layer"},
            {"margin", ParamType::real, 0.3, 0.0, 2.0, {}, "",
             "how much nearer than the nearest other-class track the farthest same-class track must be"},
            {"noise", ParamType::real, 0.3, 0.0, 5.0, {}, "deviations",
             "training: Gaussian noise added to each standardised feature, so a few hundred tracks do not pin it down"},
            {"epochs", ParamType::integer, std::int64_t{150}, 1, 10000, {}, "", "passes over the training tracks"},
            {"batch", ParamType::integer, std::int64_t{64}, 4, 4096, {}, "", "tracks per step: an equal share of each class, or of batch / 2 classes drawn at random when there are more"},
            {"learning_rate", ParamType::real, 0.001, 1e-6, 1.0, {}, "", "AdamW peak learning rate (cosine decay)"},
            {"weight_decay", ParamType::real, 0.01, 0.0, 1.0, {}, "", "AdamW weight decay"},
            {"seed", ParamType::integer, std::int64_t{0}, 0, 1000000, {}, "", "seed for initial weights and batches"},
            {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "", "training threads, 0 = all cores"},
        }};
}

namespace {

// Features by name, standardised with the training tracks' mean and deviation (a constant
// feature's deviation is taken as 1, so it becomes 0 rather than NaN). A value not measured
// (NaN: the loudness of silence) is left out of the mean and deviation and enters the
// network as the training mean, 0 once standardised.
struct NamedScaling {
    std::vector<std::string> names;
    torch::Tensor mean;   // [features]
    torch::Tensor scale;  // [features]

    static NamedScaling fit(const std::vector<const Vector*>& vectors) {
        NamedScaling scaling;
        scaling.names = vectors.front()->names();
        std::vector<torch::Tensor> rows;
        for (const Vector* vector : vectors) {
            if (vector->names() != scaling.names) {
                throw Error("training examples carry different feature names");
            }
            rows.push_back(torch::tensor(vector->values(), torch::kDouble));
        }
        const torch::Tensor table = torch::stack(rows);
        const torch::Tensor mean = torch::nan_to_num(table.nanmean(0), 0.0);
        const torch::Tensor deviation = torch::nan_to_num((table - mean).square().nanmean(0).sqrt(), 0.0);
        scaling.mean = mean.to(torch::kFloat);
        scaling.scale = torch::where(deviation > 0, deviation, torch::ones_like(deviation)).to(torch::kFloat);
        return scaling;
    }

    // [vectors, features], each feature looked up by name; InputError names a missing one.
    torch::Tensor rows(const std::vector<const Vector*>& vectors) const {
        torch::Tensor table = torch::empty({static_cast<std::int64_t>(vectors.size()),
                                            static_cast<std::int64_t>(names.size())});
        auto cells = table.accessor<float, 2>();
        for (std::size_t r = 0; r < vectors.size(); ++r) {
            std::map<std::string, double> by_name;
            for (std::size_t i = 0; i < vectors[r]->size(); ++i) {
                by_name.emplace(vectors[r]->names()[i], vectors[r]->values()[i]);
            }
            for (std::size_t f = 0; f < names.size(); ++f) {
                const auto it = by_name.find(names[f]);
                if (it == by_name.end()) {
                    throw InputError("feature '" + names[f] + "' that the model was trained on is missing from the input");
                }
                cells[static_cast<std::int64_t>(r)][static_cast<std::int64_t>(f)] = static_cast<float>(it->second);
            }
        }
        return torch::nan_to_num((table - mean) / scale, 0.0);
    }
};

struct TripletModel {
    NamedScaling scaling;
    std::vector<std::string> classes;
    torch::Tensor centroids;  // [classes, dimensions], unit rows
    double temperature = 1.0;  // of the softmax over the cosines to the centroids
    std::int64_t hidden = 0;
    std::int64_t dimensions = 0;
    SummaryNetwork network{nullptr};
    std::optional<DataTerms> terms;
};

void save_triplet_model(const TripletModel& model, const std::filesystem::path& file) {
    torch::serialize::OutputArchive archive;
    archive.write("features", c10::IValue(text::join_lines(model.scaling.names)));
    archive.write("feature_mean", model.scaling.mean);
    archive.write("feature_scale", model.scaling.scale);
    archive.write("classes", c10::IValue(text::join_lines(model.classes)));
    archive.write("centroids", model.centroids);
    archive.write("temperature", torch::tensor(model.temperature, torch::kFloat64));
    archive.write("hidden", torch::tensor(model.hidden));
    archive.write("dimensions", torch::tensor(model.dimensions));
    torch::serialize::OutputArchive weights;
    model.network->save(weights);
    archive.write("network", weights);
    write_terms_entry(archive, model.terms);
    archive.save_to(file.string());
}

TripletModel load_triplet_model(const std::string& file) {
    torch::serialize::InputArchive archive;
    TripletModel model;
    try {
        archive.load_from(file);
        c10::IValue features, classes;
        archive.read("features", features);
        model.scaling.names = text::split_lines(features.toStringRef());
        archive.read("feature_mean", model.scaling.mean);
        archive.read("feature_scale", model.scaling.scale);
        archive.read("classes", classes);
        model.classes = text::split_lines(classes.toStringRef());
        archive.read("centroids", model.centroids);
        torch::Tensor temperature, hidden, dimensions;
        archive.read("temperature", temperature);
        model.temperature = temperature.item<double>();
        archive.read("hidden", hidden);
        archive.read("dimensions", dimensions);
        model.hidden = hidden.item<std::int64_t>();
        model.dimensions = dimensions.item<std::int64_t>();
        model.network = SummaryNetwork(static_cast<std::int64_t>(model.scaling.names.size()), model.hidden,
                                       model.dimensions, 0.0);
        torch::serialize::InputArchive weights;
        archive.read("network", weights);
        model.network->load(weights);
        model.terms = read_terms_entry(archive, file);
    } catch (const c10::Error& error) {
        throw ParameterError("model", file + " is not a timbre.triplet_embedding model: " + error.what_without_backtrace());
    } catch (const std::exception& error) {
        throw ParameterError("model", file + " is not a timbre.triplet_embedding model: " + error.what());
    }
    model.network->eval();
    return model;
}

// One batch of `batch` tracks: K from each of P classes drawn at random (K = batch / classes,
// at least 2, so every track has a positive; with many classes, such as artists, P = batch / K
// of them per batch). Tracks are drawn with replacement, so a small class still fills its share.
torch::Tensor balanced_batch(const std::vector<std::vector<std::int64_t>>& members, std::int64_t batch,
                             std::mt19937& random_engine) {
    const auto classes = static_cast<std::int64_t>(members.size());
    const auto per_class = std::max<std::int64_t>(2, batch / classes);
    std::vector<std::size_t> chosen(members.size());
    std::iota(chosen.begin(), chosen.end(), 0);
    std::shuffle(chosen.begin(), chosen.end(), random_engine);
    chosen.resize(static_cast<std::size_t>(std::min(classes, std::max<std::int64_t>(2, batch / per_class))));
    std::vector<std::int64_t> rows;
    for (const std::size_t c : chosen) {
        std::uniform_int_distribution<std::size_t> pick(0, members[c].size() - 1);
        for (std::int64_t i = 0; i < per_class; ++i) {
            rows.push_back(members[c][pick(random_engine)]);
        }
    }
    return torch::tensor(rows, torch::kInt64);
}

class TripletEmbedding : public Plugin, public Trainable, public ArchiveModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_.reset();
        const std::string file = model_file_to_load(params);
        if (!file.empty()) {
            model_ = load_triplet_model(file);
        }
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        use_one_torch_thread();
        torch::NoGradGuard no_gradients;
        const torch::Tensor embedding = model_->network->forward(model_->scaling.rows({&inputs.get<Vector>("features")}))[0];
        return labels_and_embedding(model_->classes,
                                    torch::softmax(model_->centroids.matmul(embedding) / model_->temperature, 0),
                                    embedding);
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        const ClassEncoding encoding = encode_classes(examples);
        TorchThreads threads(static_cast<int>(params_.integer("threads")));
        std::mt19937 random_engine = seeded_randomness(params_);

        std::vector<const Vector*> vectors;
        for (const auto& example : examples) {
            vectors.push_back(&example.inputs.get<Vector>("features"));
        }
        TripletModel model;
        model.scaling = NamedScaling::fit(vectors);
        model.classes = encoding.classes;
        model.hidden = params_.integer("hidden");
        model.dimensions = params_.integer("dimensions");
        model.network = SummaryNetwork(static_cast<std::int64_t>(model.scaling.names.size()), model.hidden,
                                       model.dimensions, params_.real("dropout"));
        const torch::Tensor features = model.scaling.rows(vectors);
        std::vector<std::int64_t> class_of(encoding.indices.begin(), encoding.indices.end());
        const torch::Tensor classes = torch::tensor(class_of, torch::kInt64);
        std::vector<std::vector<std::int64_t>> members(encoding.classes.size());
        for (std::size_t i = 0; i < class_of.size(); ++i) {
            members[static_cast<std::size_t>(class_of[i])].push_back(static_cast<std::int64_t>(i));
        }

        const double peak_rate = params_.real("learning_rate");
        torch::optim::AdamW optimiser(model.network->parameters(),
                                      torch::optim::AdamWOptions(peak_rate).weight_decay(params_.real("weight_decay")));
        const auto epochs = params_.integer("epochs");
        const auto batch = params_.integer("batch");
        const auto steps_per_epoch = std::max<std::int64_t>(1, features.size(0) / batch);
        const double noise = params_.real("noise");
        const double margin = params_.real("margin");
        model.network->train();
        for (std::int64_t epoch = 0; epoch < epochs; ++epoch) {
            follow_cosine_schedule(optimiser, peak_rate, epoch, epochs);
            double loss_sum = 0.0;
            for (std::int64_t step = 0; step < steps_per_epoch; ++step) {
                const torch::Tensor rows = balanced_batch(members, batch, random_engine);
                const torch::Tensor x = features.index_select(0, rows);
                optimiser.zero_grad();
                const torch::Tensor loss = batch_hard_triplet_loss(
                    model.network->forward(x + noise * torch::randn_like(x)), classes.index_select(0, rows), margin);
                loss.backward();
                optimiser.step();
                loss_sum += loss.item<double>();
            }
            if ((epoch + 1) % 25 == 0 || epoch + 1 == epochs) {
                std::clog << "timbre.triplet_embedding: epoch " << epoch + 1 << "/" << epochs << ", training loss "
                          << loss_sum / static_cast<double>(steps_per_epoch) << std::endl;
            }
        }
        model.network->eval();
        torch::NoGradGuard no_gradients;
        const torch::Tensor embeddings = model.network->forward(features);
        std::vector<torch::Tensor> centroids;
        for (const auto& of_class : members) {
            centroids.push_back(embeddings.index_select(0, torch::tensor(of_class, torch::kInt64)).mean(0));
        }
        model.centroids = torch::nn::functional::normalize(torch::stack(centroids),
                                                           torch::nn::functional::NormalizeFuncOptions().dim(1));
        model.temperature = fitted_temperature(embeddings.matmul(model.centroids.t()), classes);
        std::clog << "timbre.triplet_embedding: class probabilities at temperature " << model.temperature << std::endl;
        save_triplet_model(model, model_file);
    }

    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override {
        TripletModel model = load_triplet_model(model_file.string());
        model.terms = terms;
        save_triplet_model(model, model_file);
    }

private:
    Params params_;
    std::optional<TripletModel> model_;
};

}  // namespace

std::unique_ptr<Plugin> make_triplet_embedding() { return std::make_unique<TripletEmbedding>(); }

}  // namespace timbre::plugins
