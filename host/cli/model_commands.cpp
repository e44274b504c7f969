// SPDX-License-Identifier: GPL-3.0-or-later
// `timbre train CONFIG` and `timbre evaluate CONFIG`: the config's `dataset:` section (or
// --dataset) says where the labelled data is; both split it the same way (seeded; by group
// when a group is given, stratified otherwise), so `evaluate` scores exactly the held-out
// part — or, with --all-examples, every example of a dataset the model never saw. Both
// print the same scores: the held-out count, failures, how many scored examples the model
// was trained on, baselines, and for a dataset's own split a group-disjoint second figure.
// `train` writes the data's terms (the dataset's `terms:` or --data-use) into every model it
// writes; --record-terms writes them into the existing models without training.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
#include <optional>
#include <random>
#include <type_traits>

#include "cli/commands.hpp"
#include "cli/dataset_choice.hpp"
#include "cli/param_override_option.hpp"
#include "cli/pipeline_loading.hpp"
#include "cli/similarity_weight_fit.hpp"
#include "ml/data_split.hpp"
#include "ml/held_out_check.hpp"
#include "ml/model_terms.hpp"
#include "ml/model_training.hpp"
#include "ml/stacked_training.hpp"
#include "ml/training_fingerprint.hpp"

namespace timbre::host {

namespace {

struct ModelOptions {
    std::string config;
    DatasetChoice data;
    std::vector<std::string> plugin_paths;
    std::string model;       // train: where to write; evaluate: what to read (default: the node's `model`)
    std::string model_dir;   // every model file of the pipeline in this folder instead (same names)
    std::string report;      // report file stem (default: next to the model)
    unsigned folds = 0;      // train: k-fold cross-validation on the training part first
    std::size_t limit = 0;   // use at most this many examples (a quick slice), 0 = all
    bool ignore_group = false;  // split stratified by label even if the dataset names a group
    bool all_examples = false;  // evaluate: score every example, not only the held-out part
    std::optional<unsigned> held_out_part;  // which part of the dataset's holdout split is held out (default 0)
    std::string node;           // evaluate: score this node's labels as configured, not the trainable node's model
    std::string data_use;       // train: the data's terms, instead of the dataset section's
    std::string data_licence;
    std::string data_source;
    bool record_terms = false;  // train: only write the terms into the existing model files
    std::vector<ParamOverride> overrides;  // --set NODE.PARAM=VALUE, applied to the config for this run
};

struct PreparedData {
    LoadedPipeline pipeline;
    Dataset dataset;
    Split split;
    std::filesystem::path model;
    bool by_group = false;
    bool all_examples = false;
    // The dataset's own split with a group: its held-out examples that share no group and no
    // text or recording with the training part, scored as a second figure.
    std::optional<std::vector<std::size_t>> group_disjoint_test;
    std::vector<const GraphNode*> upstream;  // trainable nodes the trained one stacks on
    ModelFiles upstream_models;              // and where their models are
};

// Where the trainable node's model is written or read: --model, else its `model` parameter
// (in --model-dir when given).
std::filesystem::path model_file(const ModelOptions& options, const GraphNode& node) {
    std::filesystem::path model = options.model.empty() ? std::filesystem::path(node.params.string("model"))
                                                        : std::filesystem::path(options.model);
    if (!options.model_dir.empty() && options.model.empty()) {
        model = std::filesystem::path(options.model_dir) / model.filename();
    }
    if (model.empty()) {
        throw Error("node '" + node.id + "' names no model file: set its 'model' parameter or pass --out");
    }
    return model;
}

// The terms of the data a model learns from: --data-use (with --data-licence and
// --data-source), else the config's `dataset.terms` when the data is the config's own;
// nullopt when neither says.
std::optional<DataTerms> training_terms(const ModelOptions& options, const std::optional<DatasetSpec>& configured) {
    if (!options.data_use.empty()) {
        const auto use = data_use_named(options.data_use);
        if (!use) {
            throw Error("--data-use " + options.data_use + ": expected unrestricted, non-commercial or research-only");
        }
        return DataTerms{*use, options.data_licence,
                         options.data_source.empty() ? options.data.dataset : options.data_source};
    }
    if (!options.data_licence.empty() || !options.data_source.empty()) {
        throw Error("--data-licence and --data-source describe --data-use, which is missing");
    }
    if (!options.data.dataset.empty() || !configured) {
        return std::nullopt;  // the config's terms describe its own dataset, not --dataset
    }
    return configured->terms;
}

// Writes the training data's terms into each of `models` (a node and its model file), or
// says that they record none.
void keep_terms(const ModelOptions& options, const LoadedPipeline& pipeline,
                const std::vector<std::pair<const GraphNode*, std::filesystem::path>>& models) {
    const auto terms = training_terms(options, pipeline.config.dataset);
    for (const auto& [node, file] : models) {
        if (!terms) {
            spdlog::warn("{} records no terms of its training data: give the config's dataset section 'terms: {{use: "
                         "unrestricted|non-commercial|research-only, licence: ..., source: ...}}' or pass --data-use, "
                         "so whoever runs the model knows what the data allows",
                         file.string());
            continue;
        }
        write_model_terms(*node->plugin, *pipeline.registry, file, *terms);
        spdlog::info("{}: {}", file.filename().string(), describe_terms(terms));
    }
}

// `train --record-terms`: the terms written into the models the config trains, which must exist.
int record_terms(const ModelOptions& options, const LoadedPipeline& pipeline) {
    const GraphNode& node = trainable_node(*pipeline.graph);
    if (!training_terms(options, pipeline.config.dataset)) {
        throw Error("--record-terms: the config's dataset section has no 'terms' and no --data-use is given");
    }
    std::vector<std::pair<const GraphNode*, std::filesystem::path>> models{{&node, model_file(options, node)}};
    const auto upstream = upstream_trainables(*pipeline.graph, node);
    const auto upstream_files = upstream_models(upstream, options.model_dir);
    for (const GraphNode* feeding : upstream) {
        models.emplace_back(feeding, upstream_files.at(feeding->id));
    }
    for (const auto& [model_node, file] : models) {
        if (!std::filesystem::is_regular_file(file)) {
            throw Error("--record-terms: model " + file.string() + " of node '" + model_node->id +
                        "' does not exist; train it first");
        }
    }
    keep_terms(options, pipeline, models);
    return kSuccess;
}

// --limit: at most `limit` examples (0: all), a sample seeded like the dataset's split.
void keep_seeded_sample(Dataset& dataset, std::size_t limit, unsigned seed) {
    if (limit > 0 && dataset.examples.size() > limit) {
        std::mt19937 generator(seed);
        std::shuffle(dataset.examples.begin(), dataset.examples.end(), generator);
        dataset.examples.resize(limit);
    }
}

PreparedData prepare(const ModelOptions& options, LoadedPipeline pipeline) {
    PreparedData data{std::move(pipeline), {}, {}, {}, false, options.all_examples, {}, {}, {}};
    auto& spec = data.pipeline.config.dataset;
    DatasetChoice choice = options.data;
    choice.without_group = options.all_examples || options.ignore_group;
    spec = dataset_for_run(spec, choice, options.config);
    const GraphNode& node = trainable_node(*data.pipeline.graph);
    check_dataset_feeds(*data.pipeline.graph, node, *spec);
    data.dataset = load_dataset(*spec);
    drop_examples_frozen_models_saw(*data.pipeline.graph, node, data.dataset);
    if (data.dataset.tagged != (node.plugin->entry.descriptor.kind == Kind::tagger)) {
        throw Error(data.dataset.tagged
                        ? "the dataset makes mixtures with several tags each, but node '" + node.id +
                              "' is a " + to_string(node.plugin->entry.descriptor.kind) +
                              ": only a tagger learns tags (remove 'mixtures', or use a tagger such as timbre.gbt_tagger)"
                        : "node '" + node.id + "' is a tagger: it learns from examples with several tags each, which "
                              "the dataset gives only with 'mixtures'");
    }
    keep_seeded_sample(data.dataset, options.limit, spec->seed);
    if (options.held_out_part && (options.all_examples || data.dataset.has_own_split || data.dataset.tagged)) {
        throw Error("--held-out-part " + std::to_string(*options.held_out_part) +
                    (options.all_examples ? ": --all-examples holds out every example"
                     : data.dataset.tagged
                         ? ": a dataset of mixtures holds out the mixtures of its own held-out recordings"
                         : ": the dataset has its own split, which decides what is held out"));
    }
    // Mixtures carry their own split, made by group among their recordings.
    data.by_group = is_grouped(*spec) && !options.ignore_group && !data.dataset.tagged;
    if (options.all_examples) {
        for (std::size_t i = 0; i < data.dataset.examples.size(); ++i) {
            if (!data.dataset.examples[i].training_only) {
                data.split.test.push_back(i);
            }
        }
    } else if (data.dataset.has_own_split) {
        for (std::size_t i = 0; i < data.dataset.examples.size(); ++i) {
            (data.dataset.examples[i].held_out ? data.split.test : data.split.train).push_back(i);
        }
        if (data.by_group) {
            data.group_disjoint_test = group_disjoint_part(data.dataset, data.split);
        }
    } else {
        data.split = holdout_split(data.dataset, spec->test_fraction, spec->seed, data.by_group,
                                   options.held_out_part.value_or(0));
    }
    data.model = model_file(options, node);
    data.upstream = upstream_trainables(*data.pipeline.graph, node);
    data.upstream_models = upstream_models(data.upstream, options.model_dir);
    const auto training_only = static_cast<std::size_t>(std::count_if(
        data.dataset.examples.begin(), data.dataset.examples.end(), [](const Example& e) { return e.training_only; }));
    if (training_only > 0 && !data.upstream.empty()) {
        throw Error("node '" + node.id +
                    "' is trained on the out-of-fold answers of the models before it, which a "
                    "training-only source cannot give (its examples are in no fold's test part): train those "
                    "models with it instead, and freeze them (frozen: true)");
    }
    const std::string own_split =
        spec->split.empty() ? "test file " + spec->test_csv.filename().string() : "column " + spec->split;
    const std::string grouped_split =
        spec->sources.empty() ? "grouped by " + spec->group
                              : "each source alone (by its group where it names one, else stratified by label)";
    const std::string recordings_split = is_grouped(*spec) && !options.ignore_group
                                             ? grouped_split
                                             : "stratified by " +
                                                   (spec->label.empty() ? std::string("label") : spec->label) +
                                                   (spec->sources.empty() ? "" : ", each source alone");
    const std::string split_rule =
        options.all_examples  ? "none (--all-examples: every example is scored)"
        : data.dataset.tagged ? "of the recordings first (" + recordings_split +
                                    "), each side's mixtures made from its own recordings only"
        : data.dataset.has_own_split ? "as the dataset's own (" + own_split + ")"
        : options.held_out_part      ? recordings_split + ", part " + std::to_string(*options.held_out_part) + " of " +
                                      std::to_string(holdout_parts(spec->test_fraction)) + " held out"
                                : recordings_split;
    spdlog::info(
        "dataset {}: {} examples ({} duplicates, {} rows without label or text and {} without a joined row "
        "dropped); split {}: {} train, {} held out{}",
        dataset_location(*spec), data.dataset.examples.size(), data.dataset.duplicates_dropped,
        data.dataset.unlabelled_dropped, data.dataset.unjoined_dropped, split_rule, data.split.train.size(),
        data.split.test.size(),
        training_only > 0 ? " (" + std::to_string(training_only) + " from training-only sources, never held out)"
                          : std::string());
    if (data.dataset.has_own_split && !spec->group.empty() && !data.by_group) {
        spdlog::warn("the dataset's own split may put one {} on both sides; only the dataset's figure is scored",
                     spec->group);
    }
    return data;
}

std::filesystem::path report_stem(const ModelOptions& options, const std::filesystem::path& model) {
    if (!options.report.empty()) {
        return options.report;
    }
    return model.parent_path() / (model.stem().string() + ".report");
}

// "training examples among them: N", or why the count is unknown.
std::string training_overlap(const std::optional<std::size_t>& count, const std::filesystem::path& model) {
    return count ? std::to_string(*count)
                 : "unknown (" + model.filename().string() + " has no " +
                       TrainingFingerprint::file_beside(model).filename().string() + " fingerprint)";
}

// What the intervals above resampled, where it was not each example alone.
std::string interval_units(std::size_t groups, const std::string& prefix) {
    return groups ? prefix + "intervals resample: " + std::to_string(groups) +
                        " groups of the examples, drawn whole (the dataset's groups, e.g. artists)\n"
                  : std::string();
}

// Prints one scored part; `prefix` names a second figure ("group-disjoint ") on every line.
void print_scores(const ClassificationReport& report, const std::string& prefix) {
    std::cout << prefix << "held-out examples: " << report.examples << "\n"
              << prefix << "failed examples: " << report.failed << " (scored as misses)\n"
              << prefix << "accuracy: " << report.accuracy << " (95 % interval " << report.accuracy_interval.low << " to "
              << report.accuracy_interval.high << ")\n"
              << prefix << "macro-F1: " << report.macro_f1 << " (95 % interval " << report.macro_f1_interval.low << " to "
              << report.macro_f1_interval.high << ")\n"
              << interval_units(report.interval_groups, prefix)
              << prefix << "majority baseline: " << report.majority_baseline << " (always '" << report.majority_class
              << "'; this accuracy or more at its rate: " << p_value_text(report.majority_p_value) << ")\n"
              << prefix << "stratified baseline: " << report.stratified_baseline << "\n";
    if (report.calibration) {
        std::cout << prefix << "calibration error: " << report.calibration->expected_error
                  << " (expected gap between the probability given to the answer and how often it was right, "
                  << report.calibration->examples << " answers)\n";
    }
}

void print_classes(const ClassificationReport& report) {
    for (const auto& c : report.classes) {
        std::cout << "  " << c.label << ": precision " << c.precision << ", recall " << c.recall << ", F1 " << c.f1
                  << " (" << c.support << ")\n";
    }
}

bool is_regressor(const GraphNode& node) { return node.plugin->entry.descriptor.kind == Kind::regressor; }
bool is_tagger(const GraphNode& node) { return node.plugin->entry.descriptor.kind == Kind::tagger; }

void print_scores(const TaggingReport& report, const std::string& prefix) {
    std::cout << prefix << "held-out examples: " << report.examples << "\n"
              << prefix << "failed examples: " << report.failed << " (scored as naming no tag)\n"
              << prefix << "micro-F1: " << report.micro_f1 << " (95 % interval " << report.micro_f1_interval.low << " to "
              << report.micro_f1_interval.high << "; a tag is named at probability >= " << report.threshold << ")\n"
              << prefix << "macro-F1: " << report.macro_f1 << "\n"
              << prefix << "mAP: " << report.mean_average_precision << "\n"
              << prefix << "exact sets: " << report.exact_sets << "\n"
              << prefix << "tags per example: " << report.mean_tags << " (named: " << report.mean_predicted << ")\n"
              << prefix << "every-tag baseline micro-F1: " << report.every_tag_micro_f1 << "\n"
              << prefix << "chance baseline mAP: " << report.chance_mean_average_precision << "\n";
}

void print_classes(const TaggingReport& report) {
    for (const auto& t : report.tags) {
        std::cout << "  " << t.tag << ": precision " << t.precision << ", recall " << t.recall << ", F1 " << t.f1
                  << ", average precision " << t.average_precision << " (" << t.support << ")\n";
    }
}

// A tagger's baselines depend only on the scored examples' tags: score_tags sets them.
void add_baselines(TaggingReport&, const PreparedData&, const std::vector<std::size_t>&) {}

// K-fold cross-validation of `node` on the training part, printed as mean ± deviation of
// accuracy and macro-F1, or of R² and Pearson r for a regressor.
void cross_validate(const PreparedData& data, const GraphNode& node, const NodeInputs& inputs, unsigned folds) {
    const PluginRegistry& registry = *data.pipeline.registry;
    const Dataset training_part = dataset_part(data.dataset, data.split.train);
    NodeInputs training_inputs;
    for (std::size_t i : data.split.train) {
        training_inputs.push_back(inputs[i]);
    }
    std::vector<double> firsts, seconds;
    const auto scratch = data.model.parent_path() / (data.model.stem().string() + ".fold-model");
    for (const Split& fold : k_fold_splits(training_part, folds, data.pipeline.config.dataset->seed, data.by_group)) {
        train_node(node, registry, training_part, training_inputs, fold.train, scratch);
        if (is_regressor(node)) {
            const auto report = evaluate_regressor(node, registry, training_part, training_inputs, fold.test, scratch);
            firsts.push_back(report.r2);
            seconds.push_back(report.pearson);
        } else {
            const auto report = evaluate_node(node, registry, training_part, training_inputs, fold.test, scratch);
            firsts.push_back(report.accuracy);
            seconds.push_back(report.macro_f1);
        }
    }
    std::filesystem::remove(scratch);
    auto mean_std = [](const std::vector<double>& v) {
        double mean = 0.0, squares = 0.0;
        for (double x : v) mean += x / v.size();
        for (double x : v) squares += (x - mean) * (x - mean) / v.size();
        return std::pair(mean, std::sqrt(squares));
    };
    const auto [first, first_sd] = mean_std(firsts);
    const auto [second, second_sd] = mean_std(seconds);
    const auto [first_name, second_name] =
        is_regressor(node) ? std::pair("r2", "pearson") : std::pair("accuracy", "macro-F1");
    std::cout << folds << "-fold cross-validation on the training part: " << first_name << " " << first << " ± "
              << first_sd << ", " << second_name << " " << second << " ± " << second_sd << "\n";
}

// Each model feeding a stacked node, scored alone on the held-out part: what the stack must beat.
void print_upstream_scores(const PreparedData& data) {
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    for (const GraphNode* node : data.upstream) {
        const NodeInputs inputs = compute_node_inputs(graph, registry, data.dataset, data.split.test, *node);
        const auto report = evaluate_node(*node, registry, data.dataset, inputs, data.split.test,
                                          data.upstream_models.at(node->id));
        std::cout << "node '" << node->id << "' alone: accuracy " << report.accuracy << ", macro-F1 "
                  << report.macro_f1 << "\n";
    }
}

void print_scores(const RegressionReport& report, const std::string& prefix) {
    std::cout << prefix << "held-out examples: " << report.examples << "\n"
              << prefix << "failed examples: " << report.failed << " (not scored)\n"
              << prefix << "r2: " << report.r2 << " (95 % interval " << report.r2_interval.low << " to "
              << report.r2_interval.high << ")\n"
              << prefix << "pearson: " << report.pearson << " (95 % interval " << report.pearson_interval.low << " to "
              << report.pearson_interval.high << ")\n"
              << interval_units(report.interval_groups, prefix)
              << prefix << "mae: " << report.mae << "\n"
              << prefix << "rmse: " << report.rmse << " (target deviation " << report.target_std << ")\n"
              << prefix << "mean baseline r2: " << report.mean_baseline_r2 << "\n";
}

void print_classes(const RegressionReport&) {}

std::vector<std::string> training_labels(const PreparedData& data, const std::vector<std::size_t>& scored) {
    // With --all-examples the model's training part is not in this dataset: the scored
    // examples' own shares make the baselines (the best any constant answer could do).
    return labels_of(data.dataset, data.all_examples ? scored : data.split.train);
}

void add_baselines(ClassificationReport& report, const PreparedData& data, const std::vector<std::size_t>& scored) {
    set_baselines(report, training_labels(data, scored));
}

void add_baselines(RegressionReport& report, const PreparedData& data, const std::vector<std::size_t>& scored) {
    double sum = 0.0;
    const auto& reference = data.all_examples ? scored : data.split.train;
    for (std::size_t i : reference) {
        sum += data.dataset.examples[i].target;
    }
    set_baseline(report, sum / static_cast<double>(reference.size()));
}

// Scores the held-out part (and the group-disjoint part, where there is one), writes the
// report files next to the model (or at --report) and prints the scores. `score` runs the
// model on a list of example indices.
template <typename Score>
void publish_scores(const PreparedData& data, const ModelOptions& options, Score score) {
    const bool own_split = data.dataset.has_own_split && !data.all_examples;
    const auto overlap = count_training_examples(data.dataset, data.split.test, data.model, own_split || data.all_examples);
    if (!overlap) {
        spdlog::warn("{} has no training fingerprint: cannot check that no held-out example was trained on",
                     data.model.string());
    }
    const auto stem = report_stem(options, data.model);
    auto report = score(data.split.test);
    add_baselines(report, data, data.split.test);
    write_report(report, "Held-out scores: " + data.model.filename().string(), stem);
    print_scores(report, "");
    std::cout << "training examples among them: " << training_overlap(overlap, data.model)
              << (own_split && overlap && *overlap > 0 ? " (the dataset's own split repeats them)" : "") << "\n";
    print_classes(report);
    std::cout << "report: " << stem.string() << ".{json,md"
              << (std::is_same_v<decltype(report), ClassificationReport> ? ",svg" : "")
              << "}\n";
    // A pooled dataset: each source's held-out examples scored alone as well, since one
    // source can carry the pooled figure while the model fails on another (unless one source
    // holds them all, the others training only).
    for (std::size_t s = 0; data.dataset.sources.size() > 1 && s < data.dataset.sources.size(); ++s) {
        std::vector<std::size_t> part;
        std::copy_if(data.split.test.begin(), data.split.test.end(), std::back_inserter(part),
                     [&](std::size_t i) { return data.dataset.examples[i].source == s; });
        if (part.empty() || part.size() == data.split.test.size()) {
            continue;
        }
        const std::string name = "source " + std::to_string(s + 1);
        const auto source_stem = std::filesystem::path(stem.string() + ".source" + std::to_string(s + 1));
        auto scored = score(part);
        add_baselines(scored, data, part);
        write_report(scored,
                     "Held-out scores on " + data.dataset.sources[s].location + ": " + data.model.filename().string(),
                     source_stem);
        std::cout << name << " (" << data.dataset.sources[s].location << "), held out alone:\n";
        print_scores(scored, name + " ");
        std::cout << "report: " << source_stem.string() << ".*\n";
    }
    if (data.group_disjoint_test && data.group_disjoint_test->size() == data.split.test.size()) {
        std::cout << "the dataset's held-out examples share no " << data.pipeline.config.dataset->group
                  << ", text or recording with its training part\n";
    } else if (data.group_disjoint_test) {
        const auto& part = *data.group_disjoint_test;
        const auto disjoint_stem = std::filesystem::path(stem.string() + ".group-disjoint");
        auto disjoint = score(part);
        add_baselines(disjoint, data, part);
        write_report(disjoint, "Group-disjoint held-out scores: " + data.model.filename().string(), disjoint_stem);
        std::cout << (data.split.test.size() - part.size()) << " of the dataset's " << data.split.test.size()
                  << " held-out examples have the " << data.pipeline.config.dataset->group
                  << " of a training example or repeat its text or recording; without them:\n";
        print_scores(disjoint, "group-disjoint ");
        std::cout << "report: " << disjoint_stem.string() << ".*\n";
    }
}

// Writes beside each of `models` the fingerprint of the examples of `trained` they learned
// from (those whose inputs could be computed), and says where the models went.
void write_fingerprint_of(const Dataset& dataset, const NodeInputs& inputs, const std::vector<std::size_t>& trained,
                          const std::vector<std::filesystem::path>& models) {
    std::vector<std::size_t> learned;
    for (std::size_t i : trained) {
        if (inputs[i]) {
            learned.push_back(i);
        }
    }
    const TrainingFingerprint fingerprint(dataset, learned);
    for (const auto& model : models) {
        fingerprint.write_beside(model);
        spdlog::info("model written to {} (trained on {} examples, listed in {})", model.string(), learned.size(),
                     TrainingFingerprint::file_beside(model).filename().string());
    }
}

void write_fingerprint(const PreparedData& data, const NodeInputs& inputs,
                       const std::vector<std::filesystem::path>& models) {
    write_fingerprint_of(data.dataset, inputs, data.split.train, models);
}

// Taggers train and score on their own. Cross-validation is refused: folds of mixtures
// would share recordings, so their figures would flatter the model.
int train_tagger(const PreparedData& data, const ModelOptions& options) {
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    const GraphNode& node = trainable_node(graph);
    if (!data.upstream.empty()) {
        throw Error("node '" + node.id + "' is a tagger: stacking is not supported for taggers");
    }
    if (options.folds >= 2) {
        throw Error("--folds: node '" + node.id + "' is a tagger trained on mixtures, and folds of mixtures would share "
                    "recordings; its held-out mixtures are made from recordings it never heard");
    }
    std::vector<std::size_t> everything(data.dataset.examples.size());
    std::iota(everything.begin(), everything.end(), 0);
    const NodeInputs inputs = compute_node_inputs(graph, registry, data.dataset, everything, node);
    train_node(node, registry, data.dataset, inputs, data.split.train, data.model);
    write_fingerprint(data, inputs, {data.model});
    keep_terms(options, data.pipeline, {{&node, data.model}});
    publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
        return evaluate_tagger(node, registry, data.dataset, inputs, part, data.model);
    });
    return kSuccess;
}

// Regressors train and score on their own (no stacking yet), cross-validated on request.
int train_regressor(const PreparedData& data, const ModelOptions& options) {
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    const GraphNode& node = trainable_node(graph);
    if (!data.upstream.empty()) {
        throw Error("node '" + node.id + "' is a regressor: stacking is not supported for regressors yet");
    }
    std::vector<std::size_t> everything(data.dataset.examples.size());
    std::iota(everything.begin(), everything.end(), 0);
    const NodeInputs inputs = compute_node_inputs(graph, registry, data.dataset, everything, node);
    if (options.folds >= 2) {
        cross_validate(data, node, inputs, options.folds);
    }
    train_node(node, registry, data.dataset, inputs, data.split.train, data.model);
    write_fingerprint(data, inputs, {data.model});
    keep_terms(options, data.pipeline, {{&node, data.model}});
    publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
        return evaluate_regressor(node, registry, data.dataset, inputs, part, data.model);
    });
    return kSuccess;
}

// A node scored or fitted as the config wires it (`--node ID`), and the dataset it is
// scored or fitted on.
struct NodeData {
    LoadedPipeline pipeline;
    const GraphNode* node = nullptr;
    DatasetSpec spec;
    Dataset dataset;
    std::string location;
};

NodeData prepare_node(const ModelOptions& options) {
    if (options.all_examples || options.ignore_group || !options.model.empty() || options.held_out_part) {
        throw Error("--node " + options.node +
                    " uses the examples none of the models before it trained on, and its "
                    "own model as the config names it (or in --model-dir): it takes no --all-examples, "
                    "--ignore-group, --held-out-part or --model");
    }
    NodeData data{load_pipeline(options.config, options.plugin_paths, options.overrides), nullptr, {}, {}, {}};
    const Graph& graph = *data.pipeline.graph;
    const auto node = std::find_if(graph.nodes().begin(), graph.nodes().end(),
                                   [&](const GraphNode& candidate) { return candidate.id == options.node; });
    if (node == graph.nodes().end()) {
        throw Error("--node " + options.node + ": the pipeline " + options.config + " has no node of that id");
    }
    data.node = &*node;
    data.spec = dataset_for_run(data.pipeline.config.dataset, options.data, options.config);
    check_dataset_feeds(graph, *node, data.spec);
    data.dataset = load_dataset(data.spec);
    keep_seeded_sample(data.dataset, options.limit, data.spec.seed);
    data.location = dataset_location(data.spec);
    return data;
}

// `evaluate --node ID`: the labels a node gives with the models its config names (an answer
// that averages several, a model read as shipped), scored on the examples of the dataset that
// none of the models it passes through trained on, its own included.
int evaluate_node_as_configured(const ModelOptions& options) {
    if (!options.model_dir.empty()) {
        throw Error("--node " + options.node + " is scored with the models its config names: it takes no --model-dir");
    }
    NodeData data = prepare_node(options);
    const GraphNode& node = *data.node;
    const auto scored =
        examples_no_upstream_model_saw(*data.pipeline.graph, {&node}, data.dataset, data.location, OwnModels::count);
    ClassificationReport report =
        evaluate_labels_output(node, *data.pipeline.registry, *data.pipeline.graph, data.dataset, scored);
    set_baselines(report, labels_of(data.dataset, scored));  // no training part: the scored examples' own shares
    const std::filesystem::path stem =
        options.report.empty() ? std::filesystem::path(options.node + ".report") : std::filesystem::path(options.report);
    write_report(report, "Scores of node " + options.node + " on " + data.location + " (examples no model of it trained on)",
                 stem);
    std::cout << "node " << options.node << " on " << data.location << ", examples none of its models trained on:\n";
    print_scores(report, "");
    print_classes(report);
    std::cout << "report: " << stem.string() << ".{json,md,svg}\n";
    return kSuccess;
}

// `train --node ID`: fits a node that learns from the models before it (timbre.consensus: each
// model's weight and temperature) on the examples none of them trained on. Its figures are
// out-of-fold (k folds, by group where the dataset has one), since the node then learns from
// every one of those examples; beside them, the same examples before fitting.
int train_node_as_configured(const ModelOptions& options) {
    NodeData data = prepare_node(options);
    const GraphNode& node = *data.node;
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    if (!takes_model_file(node.plugin->entry.descriptor) || is_regressor(node)) {
        throw Error("--node " + options.node + ": plugin " + node.plugin->entry.descriptor.id +
                    " is not a classifier that writes a model");
    }
    if (node.frozen) {
        throw Error("--node " + options.node + " is frozen: its model is used as it is and never fitted again");
    }
    const auto unseen = examples_no_upstream_model_saw(graph, {&node}, data.dataset, data.location, OwnModels::ignored);
    const NodeInputs all_inputs = compute_node_inputs(graph, registry, data.dataset, unseen, node);
    // The unseen examples alone, so that folds and fingerprint cover only them.
    const Dataset part = dataset_part(data.dataset, unseen);
    NodeInputs inputs;
    for (std::size_t i : unseen) {
        inputs.push_back(all_inputs[i]);
    }
    std::vector<std::size_t> everything(part.examples.size());
    std::iota(everything.begin(), everything.end(), 0);
    const std::vector<std::string> truth = labels_of(part, everything);
    const std::filesystem::path model = model_file(options, node);
    if (model.has_parent_path()) {
        std::filesystem::create_directories(model.parent_path());
    }
    const unsigned folds = options.folds >= 2 ? options.folds : 5;
    const auto scratch = model.parent_path() / (model.stem().string() + ".fold-model");
    std::vector<std::optional<Labels>> out_of_fold(part.examples.size());
    for (const Split& fold : k_fold_splits(part, folds, data.spec.seed, is_grouped(data.spec))) {
        train_node(node, registry, part, inputs, fold.train, scratch);
        const auto answers = predict_labels(node, registry, part, inputs, fold.test, scratch);
        for (std::size_t k = 0; k < fold.test.size(); ++k) {
            out_of_fold[fold.test[k]] = answers[k];
        }
    }
    std::filesystem::remove(scratch);
    ClassificationReport unfitted =
        score_labels(part, everything, predict_labels(node, registry, part, inputs, everything, ""));
    ClassificationReport fitted = score_labels(part, everything, out_of_fold);
    set_baselines(unfitted, truth);
    set_baselines(fitted, truth);
    train_node(node, registry, part, inputs, everything, model);
    write_fingerprint_of(part, inputs, everything, {model});
    keep_terms(options, data.pipeline, {{&node, model}});
    const auto stem = report_stem(options, model);
    write_report(fitted, "Out-of-fold scores (" + std::to_string(folds) + " folds): " + model.filename().string(), stem);
    std::cout << "node " << options.node << " on " << data.location << ", examples none of the models before it trained "
              << "on; fitted on " << folds << " folds' training parts, scored on the fold left out:\n";
    print_scores(fitted, "");
    print_classes(fitted);
    std::cout << "the same examples before fitting:\n";
    print_scores(unfitted, "unfitted ");
    std::cout << "report: " << stem.string() << ".{json,md,svg}\n";
    return kSuccess;
}

int train(const ModelOptions& options) {
    if (!options.node.empty()) {
        return train_node_as_configured(options);
    }
    LoadedPipeline pipeline = load_pipeline(options.config, options.plugin_paths, options.overrides);
    if (pipeline.config.similarity_fit) {
        if (options.held_out_part) {
            throw Error(
                "--held-out-part: fitting the similarity mix holds out no part (it scores each collection "
                "with weights fitted on the others)");
        }
        return fit_similarity_weights(pipeline);
    }
    if (options.record_terms) {
        return record_terms(options, pipeline);
    }
    PreparedData data = prepare(options, std::move(pipeline));
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    const GraphNode& final = trainable_node(graph);
    if (is_regressor(final)) {
        return train_regressor(data, options);
    }
    if (is_tagger(final)) {
        return train_tagger(data, options);
    }
    NodeInputs inputs;
    if (data.upstream.empty()) {
        std::vector<std::size_t> everything(data.dataset.examples.size());
        std::iota(everything.begin(), everything.end(), 0);
        inputs = compute_node_inputs(graph, registry, data.dataset, everything, final);
        if (options.folds >= 2) {
            cross_validate(data, final, inputs, options.folds);
        }
    } else {
        if (options.folds >= 2) {
            throw Error("--folds: node '" + final.id + "' stacks other models; cross-validating a stacked pipeline "
                        "is not supported (its training already runs 5 folds internally)");
        }
        std::string retrained;
        for (const GraphNode* node : data.upstream) {
            retrained += (retrained.empty() ? "" : ", ") + node->id;
        }
        spdlog::info("node '{}' stacks {}: each is trained again on 5 folds of the training part first; to fit '{}' "
                     "alone on the examples the shipped models never saw, run train --node {}",
                     final.id, retrained, final.id, final.id);
        const StackingPlan plan{5, data.pipeline.config.dataset->seed, data.by_group,
                                data.model.parent_path() / (data.model.stem().string() + ".stacking"),
                                data.upstream_models};
        inputs = stacked_inputs(graph, registry, data.dataset, data.split.train, final, data.upstream, plan);
        NodeInputs held_out =
            compute_node_inputs(graph, registry, data.dataset, data.split.test, final, data.upstream_models);
        for (std::size_t i : data.split.test) {
            inputs[i] = std::move(held_out[i]);
        }
    }
    train_node(final, registry, data.dataset, inputs, data.split.train, data.model);
    std::vector<std::filesystem::path> models{data.model};
    std::vector<std::pair<const GraphNode*, std::filesystem::path>> trained{{&final, data.model}};
    for (const GraphNode* node : data.upstream) {
        models.push_back(data.upstream_models.at(node->id));
        trained.emplace_back(node, models.back());
    }
    write_fingerprint(data, inputs, models);
    keep_terms(options, data.pipeline, trained);
    publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
        return evaluate_node(final, registry, data.dataset, inputs, part, data.model);
    });
    print_upstream_scores(data);
    return kSuccess;
}

int evaluate(const ModelOptions& options) {
    if (!options.node.empty()) {
        return evaluate_node_as_configured(options);
    }
    PreparedData data = prepare(options, load_pipeline(options.config, options.plugin_paths, options.overrides));
    if (!std::filesystem::exists(data.model)) {
        throw Error("model " + data.model.string() + " does not exist; train it first with `timbre train`");
    }
    const Graph& graph = *data.pipeline.graph;
    const GraphNode& final = trainable_node(graph);
    const NodeInputs inputs =
        compute_node_inputs(graph, *data.pipeline.registry, data.dataset, data.split.test, final, data.upstream_models);
    const PluginRegistry& registry = *data.pipeline.registry;
    if (is_regressor(final)) {
        publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
            return evaluate_regressor(final, registry, data.dataset, inputs, part, data.model);
        });
        return kSuccess;
    }
    if (is_tagger(final)) {
        publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
            return evaluate_tagger(final, registry, data.dataset, inputs, part, data.model);
        });
        return kSuccess;
    }
    publish_scores(data, options, [&](const std::vector<std::size_t>& part) {
        return evaluate_node(final, registry, data.dataset, inputs, part, data.model);
    });
    print_upstream_scores(data);
    return kSuccess;
}

void add_common(CLI::App* command, const std::shared_ptr<ModelOptions>& options) {
    command->add_option("config", options->config, "Pipeline config (YAML); its 'dataset' section is the default data")
        ->required();
    command->add_option("--dataset", options->data.dataset,
                        "A folder with one sub-folder of audio per label, or a CSV (of the config's layout, or with "
                        "label and path/audio/file or lyrics/text columns) instead of the config's dataset");
    command->add_option("--label", options->data.label, "The CSV dataset's label column");
    auto* group_by = command->add_option(
        "--group-by", options->data.group_by,
        "Keep rows sharing this CSV column (or the 'artist' / 'album' tag of a folder's files) on one side of every split");
    command->add_option("--model,--out", options->model, "Model file (default: the trainable node's 'model' parameter)");
    command->add_option("--model-dir", options->model_dir,
                        "Read/write every model of the pipeline in this folder (same file names), e.g. for a trial run");
    command->add_option("--report", options->report, "Report file stem (default: <model>.report)");
    command->add_option("--limit", options->limit, "Use at most this many examples (seeded sample), for a quick run");
    command->add_option("--plugin-path", options->plugin_paths, "Extra folder to search for plugins (repeatable)");
    add_param_override_option(*command, options->overrides, "--set genre.epochs=10");
    command->add_option("--held-out-part", options->held_out_part,
                        "Hold out this part of the dataset's split (0 to 1/test_fraction - 1; default 0, the shipped "
                        "models' split): training once per part holds out every example once");
    command->add_flag("--ignore-group", options->ignore_group,
                      "Split stratified by label even if the dataset names a group column (leaks groups)")
        ->excludes(group_by);
}

}  // namespace

void add_model_commands(CLI::App& app, std::function<int()>& run) {
    auto train_options = std::make_shared<ModelOptions>();
    auto* train_command =
        app.add_subcommand("train", "Train a pipeline's classifier or regressor on its dataset, report held-out scores (or, for a config with 'fit_similarity:', fit its similarity mix)");
    add_common(train_command, train_options);
    train_command->add_option("--folds", train_options->folds, "Also cross-validate with K folds on the training part")
        ->check(CLI::Range(2u, 20u));
    train_command->add_option("--data-use", train_options->data_use,
                              "What the training data allows, written into the model: unrestricted, non-commercial "
                              "or research-only (default: the dataset section's 'terms')")
        ->check(CLI::IsMember({"unrestricted", "non-commercial", "research-only"}));
    train_command->add_option("--data-licence", train_options->data_licence, "The training data's licence, with --data-use");
    train_command->add_option("--data-source", train_options->data_source,
                              "What the training data is, with --data-use (default: --dataset)");
    train_command->add_flag("--record-terms", train_options->record_terms,
                            "Only write the data's terms into the model files the config trains, which must exist");
    train_command->add_option("--node", train_options->node,
                              "Fit this node (the answer of several models: each one's weight and temperature) on "
                              "the examples none of the models before it trained on; prints out-of-fold scores");
    train_command->callback([&run, train_options] { run = [train_options] { return train(*train_options); }; });

    auto evaluate_options = std::make_shared<ModelOptions>();
    auto* evaluate_command = app.add_subcommand("evaluate", "Score a trained model on its dataset's held-out part");
    add_common(evaluate_command, evaluate_options);
    evaluate_command->add_flag("--all-examples", evaluate_options->all_examples,
                               "Score every example of the dataset (one the model never saw), not only its held-out part");
    evaluate_command->add_option("--node", evaluate_options->node,
                                 "Score this node's labels with the models as the config names them (e.g. the answer "
                                 "of several), on the examples none of them trained on; report: NODE.report.*");
    evaluate_command->callback([&run, evaluate_options] { run = [evaluate_options] { return evaluate(*evaluate_options); }; });
}

}  // namespace timbre::host
