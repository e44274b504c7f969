// SPDX-License-Identifier: GPL-3.0-or-later
// timbre.text_embedding_classifier: lyrics (or any text) -> class probabilities with a
// neural bag of word and word-pair embeddings (term_bag_network.hpp), trained with libtorch
// on the CPU. The neural counterpart of timbre.text_classifier (TF-IDF with a linear model):
// same tokens and vocabulary rule from the SDK, so the two differ only in the model.
// Trainable; the model file holds the vocabulary, the classes and the network.
#include <torch/torch.h>

#include <iostream>
#include <optional>
#include <unordered_map>

#include "archive_model_terms.hpp"
#include "term_bag_network.hpp"
#include "timbre/text/line_list.hpp"
#include "timbre/text/terms.hpp"
#include "torch_classifiers.hpp"
#include "torch_threads.hpp"
#include "training_schedule.hpp"

namespace timbre::plugins {

Descriptor text_embedding_classifier_descriptor() {
    Descriptor descriptor{
        "timbre.text_embedding_classifier",
        "1.0.0",
        Kind::classifier,
        "Neural bag of word and word-pair embeddings, averaged, then a linear layer (fastText-style, libtorch)",
        {{"text", PortType::text, "the text to classify, e.g. track.lyrics"}},
        {{"labels", PortType::labels, "probability of each class the model was trained on"}},
        {
            {"model", ParamType::path, std::string(), {}, {}, {}, "", "model file written by `timbre train` (libtorch archive)"},
            {"dimensions", ParamType::integer, std::int64_t{32}, 2, 1024, {}, "", "embedding size per term"},
            {"dropout", ParamType::real, 0.3, 0.0, 0.9, {}, "", "dropout on the text's embedding"},
            {"epochs", ParamType::integer, std::int64_t{20}, 1, 1000, {}, "", "passes over the training texts"},
            {"batch", ParamType::integer, std::int64_t{32}, 1, 4096, {}, "", "texts per optimiser step"},
            {"learning_rate", ParamType::real, 0.03, 1e-6, 1.0, {}, "", "AdamW peak learning rate (cosine decay)"},
            {"weight_decay", ParamType::real, 1e-4, 0.0, 1.0, {}, "", "AdamW weight decay"},
            {"seed", ParamType::integer, std::int64_t{0}, 0, 1000000, {}, "", "seed for initial weights and batch order"},
            {"threads", ParamType::integer, std::int64_t{0}, 0, 256, {}, "", "training threads, 0 = all cores"},
        }};
    const auto vocabulary = text::vocabulary_params();
    descriptor.params.insert(descriptor.params.begin() + 1, vocabulary.begin(), vocabulary.end());
    return descriptor;
}

namespace {

// The vocabulary as the network sees it: a term's row in the embedding table.
class TermIndex {
public:
    explicit TermIndex(std::vector<std::string> terms) : terms_(std::move(terms)) {
        for (std::size_t i = 0; i < terms_.size(); ++i) {
            rows_.emplace(terms_[i], static_cast<std::int64_t>(i));
        }
    }

    // The rows of a text's known terms, repeats kept (so the mean weighs repeated terms more).
    std::vector<std::int64_t> rows_of(const std::vector<std::string>& text_terms) const {
        std::vector<std::int64_t> rows;
        for (const auto& term : text_terms) {
            if (const auto it = rows_.find(term); it != rows_.end()) {
                rows.push_back(it->second);
            }
        }
        return rows;
    }

    const std::vector<std::string>& terms() const { return terms_; }

private:
    std::vector<std::string> terms_;
    std::unordered_map<std::string, std::int64_t> rows_;
};

// The network's inputs for a batch of texts: their rows one after another, and where each
// text starts.
struct TermBatch {
    torch::Tensor rows, offsets;
};

TermBatch batch_of(const std::vector<const std::vector<std::int64_t>*>& texts) {
    std::vector<std::int64_t> rows, offsets;
    for (const auto* text_rows : texts) {
        offsets.push_back(static_cast<std::int64_t>(rows.size()));
        rows.insert(rows.end(), text_rows->begin(), text_rows->end());
    }
    return {torch::tensor(rows, torch::kInt64), torch::tensor(offsets, torch::kInt64)};
}

struct TextModel {
    std::vector<std::string> classes;
    TermIndex index;
    std::int64_t dimensions;
    TermBagNetwork network;
    std::optional<DataTerms> terms;
};

void save_text_model(const TextModel& model, const std::filesystem::path& file) {
    torch::serialize::OutputArchive archive;
    archive.write("classes", c10::IValue(text::join_lines(model.classes)));
    archive.write("vocabulary", c10::IValue(text::join_lines(model.index.terms())));
    archive.write("dimensions", torch::tensor(model.dimensions));
    torch::serialize::OutputArchive weights;
    model.network->save(weights);
    archive.write("network", weights);
    write_terms_entry(archive, model.terms);
    archive.save_to(file.string());
}

TextModel load_text_model(const std::string& file) {
    torch::serialize::InputArchive archive;
    c10::IValue classes, vocabulary;
    torch::Tensor dimensions;
    try {
        archive.load_from(file);
        archive.read("classes", classes);
        archive.read("vocabulary", vocabulary);
        archive.read("dimensions", dimensions);
    } catch (const c10::Error& error) {
        throw ParameterError("model", file + " is not a timbre.text_embedding_classifier model: " +
                                          error.what_without_backtrace());
    }
    TextModel model{text::split_lines(classes.toStringRef()), TermIndex(text::split_lines(vocabulary.toStringRef())),
                    dimensions.item<std::int64_t>(), nullptr, read_terms_entry(archive, file)};
    model.network = TermBagNetwork(static_cast<std::int64_t>(model.index.terms().size()), model.dimensions,
                                   static_cast<std::int64_t>(model.classes.size()), 0.0);
    torch::serialize::InputArchive weights;
    archive.read("network", weights);
    model.network->load(weights);
    model.network->eval();
    return model;
}

class TextEmbeddingClassifier : public Plugin, public Trainable, public ArchiveModelTerms {
public:
    void configure(const Params& params) override {
        params_ = params;
        model_.reset();
        const std::string file = model_file_to_load(params);
        if (!file.empty()) {
            model_.emplace(load_text_model(file));
        }
    }

    Outputs process(const Inputs& inputs) override {
        if (!model_) {
            throw InputError("no model: set the 'model' parameter to a file written by `timbre train`");
        }
        const std::vector<std::string> terms = text::word_and_pair_terms(inputs.get<Text>("text").text);
        if (terms.empty()) {
            throw InputError("the text holds no words (no lyrics?)");
        }
        // A text whose terms are all unknown gets the output layer's bias: the classes' base rates.
        use_one_torch_thread();
        torch::NoGradGuard no_gradients;
        const std::vector<std::int64_t> rows = model_->index.rows_of(terms);
        const TermBatch batch = batch_of({&rows});
        const torch::Tensor probabilities =
            torch::softmax(model_->network->forward(batch.rows, batch.offsets), 1)[0].contiguous();
        const float* p = probabilities.data_ptr<float>();
        Outputs outputs;
        outputs.put("labels", labels_from(model_->classes, std::vector<float>(p, p + probabilities.numel())));
        return outputs;
    }

    void train(const std::vector<LabelledExample>& examples, const std::filesystem::path& model_file) override {
        const ClassEncoding encoding = encode_classes(examples);
        TorchThreads threads(static_cast<int>(params_.integer("threads")));
        torch::manual_seed(static_cast<std::uint64_t>(params_.integer("seed")));

        std::vector<std::vector<std::string>> documents;
        for (const auto& example : examples) {
            documents.push_back(text::word_and_pair_terms(example.inputs.get<Text>("text").text));
        }
        std::vector<std::string> vocabulary;
        for (auto& [term, count] : text::frequent_terms(documents, params_)) {
            vocabulary.push_back(std::move(term));
        }
        TextModel model{encoding.classes, TermIndex(std::move(vocabulary)), params_.integer("dimensions"), nullptr};
        std::vector<std::vector<std::int64_t>> texts;
        for (const auto& document : documents) {
            texts.push_back(model.index.rows_of(document));
        }
        std::vector<std::int64_t> indices(encoding.indices.begin(), encoding.indices.end());
        const torch::Tensor targets = torch::tensor(indices, torch::kInt64);

        model.network = TermBagNetwork(static_cast<std::int64_t>(model.index.terms().size()), model.dimensions,
                                       static_cast<std::int64_t>(model.classes.size()), params_.real("dropout"));
        const double peak_rate = params_.real("learning_rate");
        torch::optim::AdamW optimiser(model.network->parameters(),
                                      torch::optim::AdamWOptions(peak_rate).weight_decay(params_.real("weight_decay")));
        const auto epochs = params_.integer("epochs");
        const auto batch = params_.integer("batch");
        const auto count = static_cast<std::int64_t>(texts.size());
        model.network->train();
        for (std::int64_t epoch = 0; epoch < epochs; ++epoch) {
            follow_cosine_schedule(optimiser, peak_rate, epoch, epochs);
            const torch::Tensor order = torch::randperm(count, torch::kInt64);
            const std::int64_t* shuffled = order.data_ptr<std::int64_t>();
            double loss_sum = 0.0;
            std::int64_t steps = 0;
            for (std::int64_t start = 0; start < count; start += batch) {
                const std::int64_t end = std::min(start + batch, count);
                std::vector<const std::vector<std::int64_t>*> members;
                for (std::int64_t i = start; i < end; ++i) {
                    members.push_back(&texts[static_cast<std::size_t>(shuffled[i])]);
                }
                const TermBatch terms = batch_of(members);
                optimiser.zero_grad();
                const torch::Tensor loss = torch::nn::functional::cross_entropy(
                    model.network->forward(terms.rows, terms.offsets),
                    targets.index_select(0, order.slice(0, start, end)));
                loss.backward();
                optimiser.step();
                loss_sum += loss.item<double>();
                ++steps;
            }
            std::clog << "timbre.text_embedding_classifier: epoch " << epoch + 1 << "/" << epochs << ", training loss "
                      << loss_sum / std::max<std::int64_t>(1, steps) << std::endl;
        }
        model.network->eval();
        save_text_model(model, model_file);
    }

    void write_terms(const std::filesystem::path& model_file, const DataTerms& terms) const override {
        TextModel model = load_text_model(model_file.string());
        model.terms = terms;
        save_text_model(model, model_file);
    }

private:
    Params params_;
    std::optional<TextModel> model_;
};

}  // namespace

std::unique_ptr<Plugin> make_text_embedding_classifier() { return std::make_unique<TextEmbeddingClassifier>(); }

}  // namespace timbre::plugins
