// `timbre train CONFIG` and `timbre evaluate CONFIG`: the config's `dataset:` section (or
// --dataset) says where the labelled data is; both split it the same way (seeded; by group
// when a group is given, stratified otherwise), so `evaluate` scores exactly the held-out
// part — or, with --all-examples, every example of a dataset the model never saw.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/dataset_choice.hpp"
#include "cli/pipeline_loading.hpp"
#include "ml/data_split.hpp"
#include "ml/model_training.hpp"
#include "ml/stacked_training.hpp"

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
};

struct PreparedData {
    LoadedPipeline pipeline;
    Dataset dataset;
    Split split;
    std::filesystem::path model;
    bool by_group = false;
    std::vector<const GraphNode*> upstream;  // trainable nodes the trained one stacks on
    ModelFiles upstream_models;              // and where their models are
};

PreparedData prepare(const ModelOptions& options) {
    PreparedData data{load_pipeline(options.config, options.plugin_paths), {}, {}, {}, false, {}, {}};
    auto& spec = data.pipeline.config.dataset;
    spec = dataset_for_run(spec, options.data, options.config);
    const GraphNode& node = trainable_node(*data.pipeline.graph);
    check_dataset_feeds(*data.pipeline.graph, node, *spec);
    data.dataset = load_dataset(*spec);
    if (options.limit > 0 && data.dataset.examples.size() > options.limit) {
        std::mt19937 generator(spec->seed);
        std::shuffle(data.dataset.examples.begin(), data.dataset.examples.end(), generator);
        data.dataset.examples.resize(options.limit);
    }
    data.by_group = !spec->group.empty() && !options.ignore_group;
    if (options.all_examples) {
        data.split.test.resize(data.dataset.examples.size());
        std::iota(data.split.test.begin(), data.split.test.end(), 0);
    } else if (data.dataset.has_own_split) {
        for (std::size_t i = 0; i < data.dataset.examples.size(); ++i) {
            (data.dataset.examples[i].held_out ? data.split.test : data.split.train).push_back(i);
        }
    } else {
        data.split = holdout_split(data.dataset, spec->test_fraction, spec->seed, data.by_group);
    }
    data.model = options.model.empty() ? std::filesystem::path(node.params.string("model"))
                                       : std::filesystem::path(options.model);
    if (!options.model_dir.empty() && options.model.empty()) {
        data.model = std::filesystem::path(options.model_dir) / data.model.filename();
    }
    data.upstream = upstream_trainables(*data.pipeline.graph, node);
    data.upstream_models = upstream_models(data.upstream, options.model_dir);
    if (data.model.empty()) {
        throw Error("node '" + node.id + "' names no model file: set its 'model' parameter or pass --out");
    }
    const std::string own_split =
        spec->split.empty() ? "test file " + spec->test_csv.filename().string() : "column " + spec->split;
    const std::string split_rule = options.all_examples         ? "none (--all-examples: every example is scored)"
                                   : data.dataset.has_own_split ? "as the dataset's own (" + own_split + ")"
                                   : data.by_group              ? "grouped by " + spec->group
                                                                : "stratified by " + (spec->label.empty() ? std::string("label") : spec->label);
    spdlog::info("dataset {}: {} examples ({} duplicates, {} rows without label or text and {} without a joined row "
                 "dropped); split {}: {} train, {} held out",
                 spec->folder.empty() ? spec->csv.string() : spec->folder.string(), data.dataset.examples.size(),
                 data.dataset.duplicates_dropped, data.dataset.unlabelled_dropped, data.dataset.unjoined_dropped,
                 split_rule, data.split.train.size(), data.split.test.size());
    return data;
}

std::filesystem::path report_stem(const ModelOptions& options, const std::filesystem::path& model) {
    if (!options.report.empty()) {
        return options.report;
    }
    return model.parent_path() / (model.stem().string() + ".report");
}

void print_scores(const ClassificationReport& report, const std::filesystem::path& stem) {
    std::cout << "held-out examples: " << report.examples << "\naccuracy: " << report.accuracy
              << "\nmacro-F1: " << report.macro_f1 << "\n";
    for (const auto& c : report.classes) {
        std::cout << "  " << c.label << ": precision " << c.precision << ", recall " << c.recall << ", F1 " << c.f1
                  << " (" << c.support << ")\n";
    }
    std::cout << "report: " << stem.string() << ".{json,md,svg}\n";
}

bool is_regressor(const GraphNode& node) { return node.plugin->entry.descriptor.kind == Kind::regressor; }

// K-fold cross-validation of `node` on the training part, printed as mean ± deviation of
// accuracy and macro-F1, or of R² and Pearson r for a regressor.
void cross_validate(const PreparedData& data, const GraphNode& node, const NodeInputs& inputs, unsigned folds) {
    const PluginRegistry& registry = *data.pipeline.registry;
    Dataset training_part;
    training_part.feature_names = data.dataset.feature_names;
    NodeInputs training_inputs;
    for (std::size_t i : data.split.train) {
        training_part.examples.push_back(data.dataset.examples[i]);
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

void print_scores(const RegressionReport& report, const std::filesystem::path& stem) {
    std::cout << "held-out examples: " << report.examples << "\nr2: " << report.r2 << "\npearson: " << report.pearson
              << "\nmae: " << report.mae << "\nrmse: " << report.rmse << " (target deviation " << report.target_std
              << ")\n";
    if (report.without_prediction > 0) {
        std::cout << "without prediction (not scored): " << report.without_prediction << "\n";
    }
    std::cout << "report: " << stem.string() << ".{json,md}\n";
}

// Writes the report files next to the model (or at --report) and prints the scores.
template <typename Report>
void publish(const Report& report, const ModelOptions& options, const std::filesystem::path& model) {
    const auto stem = report_stem(options, model);
    write_report(report, "Held-out scores: " + model.filename().string(), stem);
    print_scores(report, stem);
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
    spdlog::info("model written to {}", data.model.string());
    const auto report = evaluate_regressor(node, registry, data.dataset, inputs, data.split.test, data.model);
    publish(report, options, data.model);
    return kSuccess;
}

int train(const ModelOptions& options) {
    PreparedData data = prepare(options);
    const Graph& graph = *data.pipeline.graph;
    const PluginRegistry& registry = *data.pipeline.registry;
    const GraphNode& final = trainable_node(graph);
    if (is_regressor(final)) {
        return train_regressor(data, options);
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
    spdlog::info("model written to {}", data.model.string());
    const auto report = evaluate_node(final, registry, data.dataset, inputs, data.split.test, data.model);
    publish(report, options, data.model);
    print_upstream_scores(data);
    return kSuccess;
}

int evaluate(const ModelOptions& options) {
    PreparedData data = prepare(options);
    if (!std::filesystem::exists(data.model)) {
        throw Error("model " + data.model.string() + " does not exist; train it first with `timbre train`");
    }
    const Graph& graph = *data.pipeline.graph;
    const GraphNode& final = trainable_node(graph);
    const NodeInputs inputs =
        compute_node_inputs(graph, *data.pipeline.registry, data.dataset, data.split.test, final, data.upstream_models);
    if (is_regressor(final)) {
        const auto report =
            evaluate_regressor(final, *data.pipeline.registry, data.dataset, inputs, data.split.test, data.model);
        publish(report, options, data.model);
        return kSuccess;
    }
    const auto report = evaluate_node(final, *data.pipeline.registry, data.dataset, inputs, data.split.test, data.model);
    publish(report, options, data.model);
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
    command->add_flag("--ignore-group", options->ignore_group,
                      "Split stratified by label even if the dataset names a group column (leaks groups)")
        ->excludes(group_by);
}

}  // namespace

void add_model_commands(CLI::App& app, std::function<int()>& run) {
    auto train_options = std::make_shared<ModelOptions>();
    auto* train_command =
        app.add_subcommand("train", "Train a pipeline's classifier or regressor on its dataset, report held-out scores");
    add_common(train_command, train_options);
    train_command->add_option("--folds", train_options->folds, "Also cross-validate with K folds on the training part")
        ->check(CLI::Range(2u, 20u));
    train_command->callback([&run, train_options] { run = [train_options] { return train(*train_options); }; });

    auto evaluate_options = std::make_shared<ModelOptions>();
    auto* evaluate_command = app.add_subcommand("evaluate", "Score a trained model on its dataset's held-out part");
    add_common(evaluate_command, evaluate_options);
    evaluate_command->add_flag("--all-examples", evaluate_options->all_examples,
                               "Score every example of the dataset (one the model never saw), not only its held-out part");
    evaluate_command->callback([&run, evaluate_options] { run = [evaluate_options] { return evaluate(*evaluate_options); }; });
}

}  // namespace timbre::host
