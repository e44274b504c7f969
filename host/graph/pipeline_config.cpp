// SPDX-License-Identifier: GPL-3.0-or-later
// YAML -> PipelineConfig. yaml-cpp keeps a 0-based mark on every node; we report 1-based.
// Unknown keys are errors (a misspelt key silently ignored is a wrong result later).
#include "graph/pipeline_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace timbre::host {

namespace {

// The whole text of a config or section file; nothing when it cannot be opened (errno says why).
std::optional<std::string> file_text(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << stream.rdbuf();
    return text.str();
}

// Where a node was written; an empty document (a section file with nothing in it) has no
// mark, and is reported at its start.
SourcePosition position_of(const YAML::Node& node) {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return {1, 1};
    }
    return {mark.line + 1, mark.column + 1};
}

// Marks every position in `config` that names no file as coming from `file`.
void stamp_file(PipelineConfig& config, const std::string& file) {
    const auto stamp = [&](SourcePosition& position) {
        if (position.file.empty()) {
            position.file = file;
        }
    };
    for (auto& node : config.nodes) {
        stamp(node.position);
        stamp(node.id_position);
        stamp(node.plugin_position);
        stamp(node.frozen_position);
        for (auto& [name, setting] : node.params) {
            stamp(setting.position);
            stamp(setting.name_position);
        }
        for (auto& [port, reference] : node.inputs) {
            stamp(reference.position);
        }
        for (auto& [port, position] : node.input_key_positions) {
            stamp(position);
        }
    }
    if (config.outputs) {
        for (auto& reference : *config.outputs) {
            stamp(reference.position);
        }
    }
}

std::string where(const SourcePosition& position, const std::string& file) {
    return (position.file.empty() ? file : position.file) + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column);
}

class Parser {
public:
    Parser(std::string file, std::vector<Diagnostic>& diagnostics, std::vector<std::string> chain = {})
        : file_(std::move(file)), diagnostics_(diagnostics), chain_(std::move(chain)) {}

    void error(const YAML::Node& at, const std::string& message) { error(position_of(at), message); }
    void error(SourcePosition at, const std::string& message) { diagnostics_.push_back({file_, at, message}); }

    // A mapping's key as a name; a list or mapping written as a key is reported at it.
    std::optional<std::string> key_name(const YAML::Node& key) {
        if (!key.IsScalar()) {
            error(key, "a key must be a name, not a list or mapping");
            return std::nullopt;
        }
        return key.Scalar();
    }

    void check_keys(const YAML::Node& map, const std::set<std::string>& allowed, const std::string& where) {
        for (const auto& item : map) {
            const auto key = key_name(item.first);
            if (key && !allowed.count(*key)) {
                std::string known;
                for (const auto& name : allowed) {
                    known += (known.empty() ? "" : ", ") + name;
                }
                error(item.first, "unknown key '" + *key + "' in " + where + " (expected one of: " + known + ")");
            }
        }
    }

    std::optional<double> positive_number(const YAML::Node& node, const std::string& what) {
        const auto value = scalar_value(node);
        const double* number = std::get_if<double>(&value);
        const std::int64_t* integer = std::get_if<std::int64_t>(&value);
        const double result = number ? *number : integer ? static_cast<double>(*integer) : -1.0;
        if (!(result > 0.0) || !std::isfinite(result)) {
            error(node, what + " must be a positive number");
            return std::nullopt;
        }
        return result;
    }

    // A feature is a numeric column's name, or {year: COLUMN} for the year of a date column.
    FeatureColumn feature_column(const YAML::Node& node) {
        if (node.IsMap()) {
            if (node.size() != 1 || !node["year"]) {
                error(node, "a feature is a column name or {year: COLUMN}");
                return FeatureColumn("");
            }
            return {string_value(node["year"], "'year'").value_or(""), FeatureColumn::Reading::year};
        }
        return string_value(node, "a feature column").value_or("");
    }

    std::optional<std::string> string_value(const YAML::Node& node, const std::string& what) {
        if (!node.IsScalar() || node.Scalar().empty()) {
            error(node, what + " must be a non-empty string");
            return std::nullopt;
        }
        return node.Scalar();
    }

    // true or false, or nullopt (reported: `what` must be true or false).
    std::optional<bool> boolean_value(const YAML::Node& node, const std::string& what) {
        const auto value = scalar_value(node);
        if (const auto* given = std::get_if<bool>(&value)) {
            return *given;
        }
        error(node, what + " must be true or false");
        return std::nullopt;
    }

    // Quoted scalars stay strings; plain ones are typed by plain_scalar_value.
    static ParamValue scalar_value(const YAML::Node& node) {
        return node.Tag() == "!" ? ParamValue{node.Scalar()} : plain_scalar_value(node.Scalar());
    }

    std::optional<PortReference> port_reference(const YAML::Node& node, const std::string& what) {
        static const std::regex pattern(R"(([A-Za-z_][A-Za-z0-9_\-]*)\.([A-Za-z_][A-Za-z0-9_\-]*))");
        std::smatch match;
        if (!node.IsScalar() || !std::regex_match(node.Scalar(), match, pattern)) {
            error(node, what + " must name an output as 'node.port' (e.g. 'track.audio')");
            return std::nullopt;
        }
        return PortReference{match[1], match[2], position_of(node)};
    }

    // A folder with one sub-folder of audio per label; only a tag can group it.
    void folder_dataset(const YAML::Node& yaml, const std::filesystem::path& base, DatasetSpec& spec) {
        const std::filesystem::path path(string_value(yaml["folder"], "'dataset.folder'").value_or(""));
        spec.folder = path.is_absolute() ? path : base / path;
        for (const char* key : {"csv", "test_csv", "label", "label_rules", "target", "join", "features", "audio", "text",
                                "split", "id"}) {
            if (const auto value = yaml[key]) {
                error(value, std::string("'dataset.") + key +
                                 "' does not apply to a 'folder' dataset (the sub-folder is the label, the files the audio)");
            }
        }
        if (const auto group = yaml["group"]) {
            spec.group = string_value(group, "'dataset.group'").value_or("");
            if (spec.group != "artist" && spec.group != "album") {
                error(group, "a 'folder' dataset groups by a tag: 'artist' or 'album', not '" + spec.group + "'");
            }
        }
    }

    // {csv: FILE, on: {this_column: joined_column, ...}}
    std::optional<DatasetJoin> dataset_join(const YAML::Node& yaml, const std::filesystem::path& base) {
        if (!yaml.IsMap() || !yaml["csv"] || !yaml["on"] || !yaml["on"].IsMap()) {
            error(yaml, "'dataset.join' must be {csv: FILE, on: {column: joined_column, ...}}");
            return std::nullopt;
        }
        check_keys(yaml, {"csv", "on"}, "'dataset.join'");
        DatasetJoin join;
        const std::filesystem::path path(string_value(yaml["csv"], "'dataset.join.csv'").value_or(""));
        join.csv = path.is_absolute() ? path : base / path;
        for (const auto& pair : yaml["on"]) {
            if (const auto column = key_name(pair.first)) {
                join.on.emplace_back(*column, string_value(pair.second, "a joined column").value_or(""));
            }
        }
        return join;
    }

    // [{match: REGEX, label: CLASS}, ...]; a pattern that does not compile is reported at it.
    std::vector<LabelRule> label_rules(const YAML::Node& yaml) {
        std::vector<LabelRule> rules;
        if (!yaml.IsSequence()) {
            error(yaml, "'dataset.label_rules' must be a list of {match: REGEX, label: CLASS}");
            return rules;
        }
        for (const auto& rule : yaml) {
            if (!rule.IsMap() || !rule["match"] || !rule["label"]) {
                error(rule, "a label rule needs 'match' (a regular expression) and 'label' (the class it gives)");
                continue;
            }
            check_keys(rule, {"match", "label"}, "a label rule");
            LabelRule parsed{string_value(rule["match"], "'match'").value_or(""),
                             string_value(rule["label"], "'label'").value_or("")};
            try {
                std::regex(parsed.pattern, std::regex::ECMAScript);
            } catch (const std::regex_error& bad) {
                error(rule["match"], "'" + parsed.pattern + "' is not a valid regular expression: " + bad.what());
            }
            rules.push_back(std::move(parsed));
        }
        return rules;
    }

    // A CSV with a label column and feature columns, an audio path column or a text column.
    void csv_dataset(const YAML::Node& yaml, const std::filesystem::path& base, DatasetSpec& spec) {
        if (const auto csv = yaml["csv"]) {
            const std::filesystem::path path(string_value(csv, "'dataset.csv'").value_or(""));
            spec.csv = path.is_absolute() ? path : base / path;
        } else {
            error(yaml, "'dataset' has no 'csv' file");
        }
        if (const auto label = yaml["label"]) {
            spec.label = string_value(label, "'dataset.label'").value_or("");
            if (const auto target = yaml["target"]) {
                error(target, "'dataset' has both 'label' (a class to learn) and 'target' (a number); give one");
            }
        } else if (const auto target = yaml["target"]) {
            spec.target = string_value(target, "'dataset.target'").value_or("");
        } else {
            error(yaml, "'dataset' has no 'label' column (or 'target', the numeric column a regressor learns)");
        }
        if (const auto join = yaml["join"]) {
            spec.join = dataset_join(join, base);
        }
        if (const auto rules = yaml["label_rules"]) {
            spec.label_rules = label_rules(rules);
        }
        if (const auto audio = yaml["audio"]) {
            spec.audio = string_value(audio, "'dataset.audio'").value_or("");
        }
        if (const auto test_csv = yaml["test_csv"]) {
            const std::filesystem::path path(string_value(test_csv, "'dataset.test_csv'").value_or(""));
            spec.test_csv = path.is_absolute() ? path : base / path;
        }
        if (const auto text = yaml["text"]) {
            spec.text = string_value(text, "'dataset.text'").value_or("");
        }
        if (const auto split = yaml["split"]) {
            spec.split = string_value(split, "'dataset.split'").value_or("");
        }
        if (const auto features = yaml["features"]; features && features.IsSequence()) {
            for (const auto& feature : features) {
                spec.features.push_back(feature_column(feature));
            }
        } else if (features || (spec.audio.empty() && spec.text.empty())) {
            error(features ? features : yaml, "'dataset' needs 'features' (a list of numeric columns), 'audio' (a "
                                              "column of audio paths) or 'text' (a column of text)");
        }
        if (const auto group = yaml["group"]) {
            spec.group = string_value(group, "'dataset.group'").value_or("");
        }
        if (const auto id = yaml["id"]) {
            spec.id = string_value(id, "'dataset.id'").value_or("");
        }
    }

    // One CSV or folder: a whole `dataset:` section, or one of its `sources:`.
    void one_source(const YAML::Node& yaml, DatasetSpec& spec) {
        const auto base = std::filesystem::path(file_).parent_path();
        if (const auto folder = yaml["folder"]) {
            folder_dataset(yaml, base, spec);
        } else {
            csv_dataset(yaml, base, spec);
        }
        if (const auto made_by = yaml["made_by"]) {
            spec.made_by = string_value(made_by, "'made_by'").value_or("");
        }
    }

    // `sources: [{csv: ...}, {folder: ...}]`: datasets pooled into one.
    void pooled_sources(const YAML::Node& yaml, const YAML::Node& sources, DatasetSpec& spec) {
        for (const char* key : {"csv", "folder", "test_csv", "label", "label_rules", "target", "join", "features",
                                "audio", "text", "split", "group", "id", "made_by"}) {
            if (const auto value = yaml[key]) {
                error(value, std::string("'dataset.") + key + "' beside 'sources': give it in each source");
            }
        }
        if (!sources.IsSequence() || sources.size() < 2) {
            error(sources, "'dataset.sources' must list two or more datasets, each a mapping with 'csv' or 'folder'");
            return;
        }
        for (const auto& source : sources) {
            if (source.IsScalar()) {
                named_source(source, spec);
                continue;
            }
            if (!source.IsMap()) {
                error(source, "each of 'dataset.sources' must be a mapping with 'csv' or 'folder', or the name of "
                              "a dataset file");
                continue;
            }
            check_keys(source,
                       {"csv", "folder", "test_csv", "label", "label_rules", "target", "join", "features", "audio",
                        "text", "split", "group", "id", "made_by", "training_only"},
                       "a dataset source");
            DatasetSpec& pooled = spec.sources.emplace_back();
            one_source(source, pooled);
            if (const auto training_only = source["training_only"]) {
                pooled.training_only =
                    boolean_value(training_only, "'training_only' of a dataset source").value_or(false);
            }
        }
        if (std::all_of(spec.sources.begin(), spec.sources.end(), [](const auto& s) { return s.training_only; })) {
            error(sources,
                  "every one of 'dataset.sources' is training_only: at least one must hold real examples "
                  "to score on");
        }
    }

    // A source given as the name of a dataset file (`- datasets/emotify-genre.yaml`): the file a
    // config would name as its whole `dataset:`, so a model learned from that set alone and one
    // learned from the pool read one description of it. The pool splits each source alone with
    // its own seed and share; a file that would split otherwise is refused, since the clips it
    // holds out alone would then differ from those it holds out pooled. Its terms are not
    // carried: the pooled dataset states the terms of the whole.
    void named_source(const YAML::Node& yaml, DatasetSpec& spec) {
        const auto path = section_path(yaml, "a dataset source (a dataset file)");
        if (!path) {
            return;
        }
        section_file(yaml, "dataset source", *path, " (a YAML mapping as under 'dataset:', docs/configs.md)",
                     [&](Parser& parser, const YAML::Node& root) {
                         auto named = parser.dataset_spec(root);
                         if (!named) {
                             return;
                         }
                         if (!named->sources.empty() || named->mixtures) {
                             error(yaml, path->string() + " pools sources or makes mixtures itself: a source "
                                         "names a file of one CSV or folder");
                             return;
                         }
                         named->terms.reset();
                         spec.sources.push_back(std::move(*named));
                         named_sources_.push_back({yaml, spec.sources.size() - 1});
                     });
    }

    // Each named source must split as the pool splits it (named_source says why).
    void check_named_source_splits(const DatasetSpec& spec) {
        for (const auto& [yaml, index] : named_sources_) {
            const DatasetSpec& source = spec.sources[index];
            if (source.seed != spec.seed || source.test_fraction != spec.test_fraction) {
                std::ostringstream message;
                message << yaml.Scalar() << " splits with seed " << source.seed << " and share "
                        << source.test_fraction << ", the pooled dataset with seed " << spec.seed << " and share "
                        << spec.test_fraction
                        << ": each source is split alone with the pool's, so give the pool the file's seed and "
                           "test_fraction (or write the source out)";
                error(yaml, message.str());
            }
        }
        named_sources_.clear();
    }

    std::optional<DatasetSpec> dataset_spec(const YAML::Node& yaml) {
        if (!yaml.IsMap()) {
            error(yaml, "'dataset' must be a mapping ('csv' with 'label' and 'features', 'audio' or 'text', or 'folder') "
                        "or the name of a YAML file holding one");
            return std::nullopt;
        }
        check_keys(yaml,
                   {"csv", "folder", "test_csv", "label", "label_rules", "target", "join", "features", "audio", "text",
                    "split", "group", "id", "test_fraction", "seed", "terms", "sources", "mixtures", "made_by"},
                   "'dataset'");
        DatasetSpec spec;
        if (const auto sources = yaml["sources"]) {
            pooled_sources(yaml, sources, spec);
        } else {
            one_source(yaml, spec);
        }
        if (const auto fraction = yaml["test_fraction"]) {
            const auto value = positive_number(fraction, "'dataset.test_fraction'");
            if (value && *value >= 0.5) {
                error(fraction, "'dataset.test_fraction' must be below 0.5");
            }
            spec.test_fraction = value.value_or(spec.test_fraction);
        }
        if (const auto seed = yaml["seed"]) {
            const auto value = scalar_value(seed);
            if (const auto* integer = std::get_if<std::int64_t>(&value); integer && *integer >= 0) {
                spec.seed = static_cast<unsigned>(*integer);
            } else {
                error(seed, "'dataset.seed' must be a non-negative integer");
            }
        }
        if (const auto terms = yaml["terms"]) {
            spec.terms = data_terms(terms);
        }
        if (const auto mixtures = yaml["mixtures"]) {
            spec.mixtures = mixture_spec(mixtures);
        }
        check_named_source_splits(spec);
        return spec;
    }

    // A number, or nullopt (reported) when the node holds something else.
    std::optional<double> number(const YAML::Node& node, const std::string& what) {
        const auto value = scalar_value(node);
        if (const auto* real = std::get_if<double>(&value); real && std::isfinite(*real)) {
            return *real;
        }
        if (const auto* integer = std::get_if<std::int64_t>(&value)) {
            return static_cast<double>(*integer);
        }
        error(node, what + " must be a number");
        return std::nullopt;
    }

    // `[low, high]` with low <= high, or nullopt (reported).
    std::optional<std::pair<double, double>> number_range(const YAML::Node& node, const std::string& what) {
        if (!node.IsSequence() || node.size() != 2) {
            error(node, what + " must be [LOW, HIGH]");
            return std::nullopt;
        }
        const auto low = number(node[0], what), high = number(node[1], what);
        if (!low || !high) {
            return std::nullopt;
        }
        if (*low > *high) {
            error(node, what + ": LOW must not exceed HIGH");
            return std::nullopt;
        }
        return std::pair(*low, *high);
    }

    // `mixtures: {count: 2000, voices: [2, 4], gain_db: [-12, 0], seconds: 3}`.
    std::optional<MixtureSpec> mixture_spec(const YAML::Node& yaml) {
        if (!yaml.IsMap()) {
            error(yaml, "'dataset.mixtures' must be a mapping: count, voices [LOW, HIGH], gain_db [LOW, HIGH], seconds");
            return std::nullopt;
        }
        check_keys(yaml, {"count", "voices", "gain_db", "seconds"}, "'dataset.mixtures'");
        MixtureSpec spec;
        if (const auto count = yaml["count"]) {
            const auto value = positive_number(count, "'dataset.mixtures.count'");
            if (value && (*value != std::floor(*value) || *value < 10)) {
                error(count, "'dataset.mixtures.count' must be a whole number, at least 10");
            }
            spec.count = static_cast<std::size_t>(value.value_or(static_cast<double>(spec.count)));
        }
        if (const auto voices = yaml["voices"]) {
            if (const auto range = number_range(voices, "'dataset.mixtures.voices'")) {
                if (range->first < 1 || range->first != std::floor(range->first) ||
                    range->second != std::floor(range->second) || range->second > 16) {
                    error(voices, "'dataset.mixtures.voices' must be whole numbers from 1 to 16");
                }
                spec.min_voices = static_cast<unsigned>(range->first);
                spec.max_voices = static_cast<unsigned>(range->second);
            }
        }
        if (const auto gain = yaml["gain_db"]) {
            if (const auto range = number_range(gain, "'dataset.mixtures.gain_db'")) {
                if (range->second > 24.0 || range->first < -60.0) {
                    error(gain, "'dataset.mixtures.gain_db' must lie within -60 to 24 dB");
                }
                spec.min_gain_db = range->first;
                spec.max_gain_db = range->second;
            }
        }
        if (const auto seconds = yaml["seconds"]) {
            spec.seconds = positive_number(seconds, "'dataset.mixtures.seconds'").value_or(spec.seconds);
        }
        return spec;
    }

    // `terms: {use: non-commercial, licence: CC BY-NC-SA 3.0, source: Emotify}`: what the
    // data allows, which `timbre train` writes into the model.
    std::optional<DataTerms> data_terms(const YAML::Node& yaml) {
        if (!yaml.IsMap()) {
            error(yaml, "'dataset.terms' must be a mapping: 'use' (unrestricted, non-commercial or research-only), "
                        "'licence' and 'source'");
            return std::nullopt;
        }
        check_keys(yaml, {"use", "licence", "source"}, "'dataset.terms'");
        const auto use_node = yaml["use"];
        if (!use_node) {
            error(yaml, "'dataset.terms' has no 'use': say what the data allows (unrestricted, non-commercial or "
                        "research-only)");
            return std::nullopt;
        }
        const auto use_name = string_value(use_node, "'dataset.terms.use'");
        const auto use = use_name ? data_use_named(*use_name) : std::nullopt;
        if (use_name && !use) {
            error(use_node, "'dataset.terms.use' is '" + *use_name + "': expected unrestricted, non-commercial or "
                            "research-only");
        }
        return DataTerms{use.value_or(DataUse::research_only), one_line(yaml["licence"], "'dataset.terms.licence'"),
                         one_line(yaml["source"], "'dataset.terms.source'")};
    }

    // An optional one-line string ("" when absent).
    std::string one_line(const YAML::Node& yaml, const std::string& what) {
        if (!yaml) {
            return "";
        }
        auto text = string_value(yaml, what).value_or("");
        if (text.find('\n') != std::string::npos) {
            error(yaml, what + " must be one line");
        }
        return text;
    }

    std::map<std::string, std::pair<double, SourcePosition>> similarity_weights(const YAML::Node& yaml) {
        std::map<std::string, std::pair<double, SourcePosition>> weights;
        if (!yaml.IsMap() || yaml.size() == 0) {
            error(yaml, "'similarity' must map similarity node ids to weights, e.g. {timbre: 2, stats: 1}, or name "
                        "a file that does");
            return weights;
        }
        for (const auto& item : yaml) {
            const auto metric = key_name(item.first);
            if (!metric) {
                continue;
            }
            if (const auto weight = positive_number(item.second, "the weight of '" + *metric + "'")) {
                SourcePosition position = position_of(item.first);
                position.file = file_;
                weights[*metric] = {*weight, position};
            }
        }
        return weights;
    }

    // A section given as the name of a YAML file (relative to this file) instead of a mapping:
    // the file is parsed by a parser of its own, so its mistakes are reported at its own line
    // and column and its relative paths resolve against it. `read` parses the loaded root;
    // nothing when the file cannot be read (reported, with `remedy`).
    template <typename Read>
    void section_file(const YAML::Node& yaml, const std::string& what, const std::filesystem::path& path,
                      const std::string& remedy, Read read) {
        const std::optional<std::string> text = file_text(path);
        if (!text) {
            error(yaml, "cannot read the " + what + " file " + path.string() + ": " + std::strerror(errno) + remedy);
            return;
        }
        Parser parser(path.string(), diagnostics_);
        try {
            read(parser, YAML::Load(*text));
        } catch (const YAML::ParserException& exception) {
            parser.error(SourcePosition{exception.mark.line + 1, exception.mark.column + 1},
                         "invalid YAML: " + exception.msg);
        }
    }

    // The file a section or an include names: absolute, or relative to this file.
    std::optional<std::filesystem::path> section_path(const YAML::Node& yaml, const std::string& what) {
        const auto name = string_value(yaml, what);
        if (!name) {
            return std::nullopt;
        }
        return (std::filesystem::path(file_).parent_path() / *name).lexically_normal();
    }

    // `similarity: FILE`: the weights mapping read from FILE.
    void weights_file(const YAML::Node& yaml, PipelineConfig& config) {
        const auto path = section_path(yaml, "'similarity' (a file of weights)");
        if (!path) {
            return;
        }
        config.similarity_weights_file = *path;
        section_file(yaml, "similarity weights", *path,
                     " (write the weights there, or fit them with `timbre train` on a config with 'fit_similarity:')",
                     [&](Parser& parser, const YAML::Node& root) {
                         config.similarity_weights = parser.similarity_weights(root);
                     });
    }

    // A dataset as a mapping, or as the name of a file holding one (`dataset:
    // datasets/mer4q-mood.yaml`): configs that learn from one dataset share its description
    // (columns, label rules, split, terms) instead of repeating it.
    std::optional<DatasetSpec> dataset_section(const YAML::Node& yaml) {
        if (!yaml.IsScalar()) {
            return dataset_spec(yaml);
        }
        std::optional<DatasetSpec> spec;
        if (const auto path = section_path(yaml, "'dataset' (a dataset file)")) {
            section_file(yaml, "dataset", *path, " (a YAML mapping as under 'dataset:', docs/configs.md)",
                         [&](Parser& parser, const YAML::Node& root) { spec = parser.dataset_spec(root); });
        }
        return spec;
    }

    std::optional<SimilarityFitSpec> similarity_fit(const YAML::Node& yaml) {
        if (!yaml.IsMap()) {
            error(yaml, "'fit_similarity' must be a mapping with 'collections' and optionally 'metrics', 'k' and 'grid'");
            return std::nullopt;
        }
        check_keys(yaml, {"collections", "metrics", "k", "grid"}, "'fit_similarity'");
        SimilarityFitSpec spec;
        spec.position = position_of(yaml);
        const auto collections = yaml["collections"];
        if (!collections || !collections.IsSequence() || collections.size() == 0) {
            error(collections ? collections : yaml,
                  "'fit_similarity.collections' must be a non-empty list of datasets, each with a 'label'");
        } else {
            for (const auto& item : collections) {
                if (auto dataset = dataset_section(item)) {
                    if (dataset->label.empty() && dataset->folder.empty()) {
                        error(item, "a 'fit_similarity' collection needs a 'label' whose agreement the fit maximises");
                    }
                    spec.collections.push_back(std::move(*dataset));
                }
            }
        }
        if (const auto metrics = yaml["metrics"]) {
            if (!metrics.IsSequence() || metrics.size() < 2) {
                error(metrics, "'fit_similarity.metrics' must list at least two similarity node ids");
            } else {
                for (const auto& item : metrics) {
                    if (const auto id = string_value(item, "a metric of 'fit_similarity'")) {
                        SourcePosition position = position_of(item);
                        position.file = file_;
                        spec.metrics.emplace_back(*id, position);
                    }
                }
            }
        }
        if (const auto k = yaml["k"]) {
            const auto value = scalar_value(k);
            if (const auto* integer = std::get_if<std::int64_t>(&value); integer && *integer >= 1 && *integer <= 100) {
                spec.k = static_cast<std::size_t>(*integer);
            } else {
                error(k, "'fit_similarity.k' must be an integer from 1 to 100");
            }
        }
        if (const auto grid = yaml["grid"]) {
            spec.grid.clear();
            if (!grid.IsSequence() || grid.size() < 2) {
                error(grid, "'fit_similarity.grid' must list at least two weights, e.g. [0, 0.5, 1, 2]");
            } else {
                for (const auto& item : grid) {
                    const auto value = scalar_value(item);
                    const double* real = std::get_if<double>(&value);
                    const std::int64_t* integer = std::get_if<std::int64_t>(&value);
                    const double weight = real ? *real : integer ? static_cast<double>(*integer) : -1.0;
                    if (!(weight >= 0.0) || !std::isfinite(weight)) {
                        error(item, "a weight of 'fit_similarity.grid' must be a number >= 0");
                    } else {
                        spec.grid.push_back(weight);
                    }
                }
            }
        }
        return spec;
    }

    NodeConfig node(const YAML::Node& yaml) {
        NodeConfig node;
        node.position = position_of(yaml);
        if (!yaml.IsMap()) {
            error(yaml, "a node must be a mapping with 'id', 'plugin' and optionally 'params', 'inputs', 'optional' "
                        "and 'frozen'");
            return node;
        }
        check_keys(yaml, {"id", "plugin", "params", "inputs", "optional", "frozen"}, "node");
        for (const auto& [key, flag] : {std::pair{"optional", &node.optional}, std::pair{"frozen", &node.frozen}}) {
            if (const auto setting = yaml[key]) {
                *flag = boolean_value(setting, std::string("'") + key + "' of a node").value_or(false);
            }
        }
        if (node.frozen) {
            node.frozen_position = position_of(yaml["frozen"]);
        }
        if (const auto id = yaml["id"]) {
            node.id_position = position_of(id);
            node.id = string_value(id, "node 'id'").value_or("");
        } else {
            error(yaml, "node has no 'id'");
        }
        if (const auto plugin = yaml["plugin"]) {
            node.plugin_position = position_of(plugin);
            node.plugin = string_value(plugin, "node 'plugin'").value_or("");
        } else {
            error(yaml, "node '" + node.id + "' has no 'plugin'");
        }
        if (const auto params = yaml["params"]) {
            if (!params.IsMap()) {
                error(params, "'params' of node '" + node.id + "' must be a mapping of name: value");
            } else {
                for (const auto& item : params) {
                    const auto name = key_name(item.first);
                    if (!name) {
                        continue;
                    }
                    if (!item.second.IsScalar()) {
                        error(item.second, "parameter '" + *name + "' must be a single value");
                        continue;
                    }
                    node.params[*name] =
                        ParamSetting{scalar_value(item.second), position_of(item.second), position_of(item.first)};
                }
            }
        }
        if (const auto inputs = yaml["inputs"]) {
            if (!inputs.IsMap()) {
                error(inputs, "'inputs' of node '" + node.id + "' must be a mapping of input: node.port");
            } else {
                for (const auto& item : inputs) {
                    const auto port = key_name(item.first);
                    if (!port) {
                        continue;
                    }
                    node.input_key_positions[*port] = position_of(item.first);
                    if (auto reference = port_reference(item.second, "input '" + *port + "'")) {
                        node.inputs[*port] = *reference;
                    }
                }
            }
        }
        return node;
    }

    PipelineConfig parse(const std::string& text) {
        PipelineConfig config;
        config.file = file_;
        config.text = text;
        YAML::Node root;
        try {
            root = YAML::Load(text);
        } catch (const YAML::ParserException& exception) {
            error(SourcePosition{exception.mark.line + 1, exception.mark.column + 1}, "invalid YAML: " + exception.msg);
            return config;
        }
        if (!root.IsMap()) {
            error(SourcePosition{1, 1}, "a pipeline config must be a YAML mapping with a 'nodes' list");
            return config;
        }
        check_keys(root,
                   {"include", "overrides", "sample_rate", "resample_quality", "window", "plugin_paths", "nodes", "outputs",
                    "dataset", "similarity", "fit_similarity"},
                   "the pipeline");
        const PipelineConfig base = included(root["include"]);
        if (const auto dataset = root["dataset"]) {
            config.dataset = dataset_section(dataset);
        }
        if (const auto weights = root["similarity"]) {
            if (weights.IsScalar()) {
                weights_file(weights, config);
            } else {
                config.similarity_weights = similarity_weights(weights);
            }
        }
        if (const auto fit = root["fit_similarity"]) {
            config.similarity_fit = similarity_fit(fit);
        }
        if (const auto rate = root["sample_rate"]) {
            config.sample_rate_hz = positive_number(rate, "'sample_rate' (Hz)").value_or(config.sample_rate_hz);
        }
        if (const auto quality = root["resample_quality"]) {
            const std::string name = quality.IsScalar() ? quality.Scalar() : "";
            if (name == "fastest") {
                config.resample_quality = ResampleQuality::fastest;
            } else if (name == "medium") {
                config.resample_quality = ResampleQuality::medium;
            } else if (name == "best") {
                config.resample_quality = ResampleQuality::best;
            } else {
                error(quality, "'resample_quality' must be one of: fastest, medium, best");
            }
        }
        if (const auto window = root["window"]) {
            if (!window.IsMap()) {
                error(window, "'window' must be a mapping with 'offset' and/or 'duration' in seconds");
            } else {
                check_keys(window, {"offset", "duration"}, "'window'");
                if (const auto offset = window["offset"]) {
                    const auto value = scalar_value(offset);
                    const double seconds = std::holds_alternative<double>(value)   ? std::get<double>(value)
                                           : std::holds_alternative<std::int64_t>(value) ? std::get<std::int64_t>(value)
                                                                                     : -1.0;
                    if (seconds < 0.0) {
                        error(offset, "'window.offset' must be a number of seconds >= 0");
                    } else {
                        config.window.offset_seconds = seconds;
                    }
                }
                if (const auto duration = window["duration"]) {
                    config.window.duration_seconds = positive_number(duration, "'window.duration' (seconds)");
                }
            }
        }
        if (const auto paths = root["plugin_paths"]) {
            if (!paths.IsSequence()) {
                error(paths, "'plugin_paths' must be a list of directories");
            } else {
                const auto base = std::filesystem::path(file_).parent_path();
                for (const auto& path : paths) {
                    if (const auto text_path = string_value(path, "a plugin path")) {
                        const std::filesystem::path directory(*text_path);
                        config.plugin_paths.push_back(directory.is_absolute() ? directory : base / directory);
                    }
                }
            }
        }
        const auto nodes = root["nodes"];
        if (!nodes && base.nodes.empty()) {
            error(SourcePosition{1, 1}, "the pipeline has no 'nodes' list");
        } else if (nodes && (!nodes.IsSequence() || (nodes.size() == 0 && base.nodes.empty()))) {
            error(nodes, "'nodes' must be a non-empty list of nodes");
        } else if (nodes) {
            config.nodes_position = position_of(nodes);
            for (const auto& item : nodes) {
                config.nodes.push_back(node(item));
            }
        }
        if (const auto outputs = root["outputs"]) {
            if (!outputs.IsSequence()) {
                error(outputs, "'outputs' must be a list of 'node.port' names");
            } else {
                config.outputs.emplace();
                for (const auto& item : outputs) {
                    if (auto reference = port_reference(item, "an output")) {
                        config.outputs->push_back(*reference);
                    }
                }
            }
        }
        if (root["include"]) {
            compose(config, base, root);
        } else if (const auto overrides = root["overrides"]) {
            error(overrides, "'overrides' replaces nodes of included configs, and this config includes none");
        }
        return config;
    }

private:
    // Every config `include` names (a file or a list of files), composed in order.
    PipelineConfig included(const YAML::Node& include) {
        PipelineConfig base;
        if (!include) {
            return base;
        }
        std::vector<YAML::Node> items;
        if (include.IsScalar()) {
            items.push_back(include);
        } else if (include.IsSequence()) {
            for (const YAML::Node& item : include) {
                items.push_back(item);
            }
        } else {
            error(include, "'include' must be a config file or a list of them");
            return base;
        }
        std::map<std::string, std::string> settings_from;  // setting -> file that gave it
        for (const auto& item : items) {
            const auto named = section_path(item, "an included config");
            if (!named) {
                continue;
            }
            const std::filesystem::path& path = *named;
            if (path.string() == file_ || std::find(chain_.begin(), chain_.end(), path.string()) != chain_.end()) {
                std::string cycle;
                for (const auto& file : chain_) {
                    cycle += file + " -> ";
                }
                error(item, "include cycle: " + cycle + file_ + " -> " + path.string());
                continue;
            }
            const std::optional<std::string> text = file_text(path);
            if (!text) {
                error(item, "cannot read the included config " + path.string() + ": " + std::strerror(errno));
                continue;
            }
            std::vector<std::string> chain = chain_;
            chain.push_back(file_);
            PipelineConfig part = Parser(path.string(), diagnostics_, chain).parse(*text);
            stamp_file(part, path.string());
            merge_included(base, part, settings_from);
        }
        return base;
    }

    // Adds an included config to what earlier includes gave; the same node id twice is an
    // error there, one setting given two ways is remembered for compose() to report.
    void merge_included(PipelineConfig& base, const PipelineConfig& part,
                        std::map<std::string, std::string>& settings_from) {
        base.included.push_back(part.file);
        base.included.insert(base.included.end(), part.included.begin(), part.included.end());
        for (const auto& node : part.nodes) {
            const auto earlier = std::find_if(base.nodes.begin(), base.nodes.end(),
                                              [&](const NodeConfig& other) { return other.id == node.id; });
            if (earlier != base.nodes.end()) {
                error(node.id_position, "node id '" + node.id + "' is also defined at " +
                                            where(earlier->id_position, file_) + " (both included)");
                continue;
            }
            base.nodes.push_back(node);
        }
        const auto setting = [&](const std::string& name, auto& mine, const auto& theirs, bool differs) {
            if (const auto given = settings_from.find(name); given != settings_from.end() && differs) {
                conflicts_[name] = given->second + " and " + part.file;
            } else {
                settings_from.emplace(name, part.file);
            }
            mine = theirs;
        };
        const bool first = settings_from.empty();
        setting("sample_rate", base.sample_rate_hz, part.sample_rate_hz, !first && base.sample_rate_hz != part.sample_rate_hz);
        setting("resample_quality", base.resample_quality, part.resample_quality,
                !first && base.resample_quality != part.resample_quality);
        setting("window", base.window, part.window,
                !first && (base.window.offset_seconds != part.window.offset_seconds ||
                           base.window.duration_seconds != part.window.duration_seconds));
        base.plugin_paths.insert(base.plugin_paths.end(), part.plugin_paths.begin(), part.plugin_paths.end());
        if (!base.dataset) {
            base.dataset = part.dataset;
        }
        if (base.similarity_weights.empty()) {
            base.similarity_weights = part.similarity_weights;
            base.similarity_weights_file = part.similarity_weights_file;
        }
        if (!base.similarity_fit) {
            base.similarity_fit = part.similarity_fit;
        }
        if (part.outputs) {
            if (!base.outputs) {
                base.outputs.emplace();
            }
            base.outputs->insert(base.outputs->end(), part.outputs->begin(), part.outputs->end());
        }
    }

    // Puts the included nodes first, the file's own after them, `overrides` in place of the
    // included nodes they name; settings the file gives win over included ones.
    void compose(PipelineConfig& config, const PipelineConfig& base, const YAML::Node& root) {
        std::vector<NodeConfig> nodes = base.nodes;
        for (const auto& node : config.nodes) {
            const auto included = std::find_if(nodes.begin(), nodes.end(),
                                                [&](const NodeConfig& other) { return other.id == node.id; });
            if (included != nodes.end()) {
                error(node.id_position, "node id '" + node.id + "' is already defined at " +
                                            where(included->id_position, file_) +
                                            "; to replace an included node, list it under 'overrides:'");
                continue;
            }
            nodes.push_back(node);
        }
        if (const auto overrides = root["overrides"]) {
            if (!overrides.IsSequence()) {
                error(overrides, "'overrides' must be a list of nodes, each replacing the included node of its id");
            } else {
                for (const auto& item : overrides) {
                    NodeConfig replacement = node(item);
                    const auto included = std::find_if(base.nodes.begin(), base.nodes.end(),
                                                        [&](const NodeConfig& other) { return other.id == replacement.id; });
                    if (included == base.nodes.end()) {
                        error(replacement.id_position,
                              "'overrides' names node '" + replacement.id + "', which no included config defines");
                        continue;
                    }
                    *std::find_if(nodes.begin(), nodes.end(),
                                  [&](const NodeConfig& other) { return other.id == replacement.id; }) = replacement;
                }
            }
        }
        config.nodes = std::move(nodes);
        if (config.nodes_position.line == 0) {
            config.nodes_position = base.nodes.empty() ? SourcePosition{1, 1} : base.nodes.front().position;
        }
        const auto settle = [&](const char* key, auto& mine, const auto& theirs) {
            if (root[key]) {
                return;  // the including file decides
            }
            if (const auto conflict = conflicts_.find(key); conflict != conflicts_.end()) {
                error(root["include"], std::string("'") + key + "' differs between " + conflict->second +
                                           ": set it in this file");
            }
            mine = theirs;
        };
        settle("sample_rate", config.sample_rate_hz, base.sample_rate_hz);
        settle("resample_quality", config.resample_quality, base.resample_quality);
        settle("window", config.window, base.window);
        config.plugin_paths.insert(config.plugin_paths.begin(), base.plugin_paths.begin(), base.plugin_paths.end());
        if (!config.dataset) {
            config.dataset = base.dataset;
        }
        if (!root["similarity"]) {
            config.similarity_weights = base.similarity_weights;
            config.similarity_weights_file = base.similarity_weights_file;
        }
        if (!config.similarity_fit) {
            config.similarity_fit = base.similarity_fit;
        }
        if (base.outputs || config.outputs) {
            std::vector<PortReference> outputs = base.outputs.value_or(std::vector<PortReference>{});
            for (const auto& reference : config.outputs.value_or(std::vector<PortReference>{})) {
                const bool known = std::any_of(outputs.begin(), outputs.end(),
                                               [&](const PortReference& other) { return other.text() == reference.text(); });
                if (!known) {
                    outputs.push_back(reference);
                }
            }
            config.outputs = std::move(outputs);
        }
        config.included = base.included;
    }

    std::string file_;
    std::vector<Diagnostic>& diagnostics_;
    std::vector<std::string> chain_;                // the files including this one, outermost first
    std::map<std::string, std::string> conflicts_;  // setting -> the included files that disagree on it
    std::vector<std::pair<YAML::Node, std::size_t>> named_sources_;  // the dataset being read: sources named
                                                                     // by file, and their index
};

}  // namespace

PipelineConfig parse_pipeline(const std::string& text, const std::string& file, std::vector<Diagnostic>& diagnostics) {
    // yaml-cpp throws where a node is read as what it is not (a list subscripted like a
    // mapping, say); the parser checks kinds before reading, and anything it missed is still
    // reported where it happened rather than escaping as an unlocated exception.
    try {
        return Parser(file, diagnostics).parse(text);
    } catch (const YAML::Exception& exception) {
        const SourcePosition at = exception.mark.is_null() ? SourcePosition{1, 1}
                                                           : SourcePosition{exception.mark.line + 1, exception.mark.column + 1};
        diagnostics.push_back({file, at,
                               "this part of the config is not of the kind expected here (" + exception.msg + ")"});
        PipelineConfig config;
        config.file = file;
        config.text = text;
        return config;
    }
}

ParamValue plain_scalar_value(const std::string& text) {
    if (text == "true" || text == "True" || text == "TRUE") {
        return true;
    }
    if (text == "false" || text == "False" || text == "FALSE") {
        return false;
    }
    std::int64_t integer = 0;
    const auto* end = text.data() + text.size();
    if (auto [ptr, ec] = std::from_chars(text.data(), end, integer); ec == std::errc() && ptr == end) {
        return integer;
    }
    double real = 0.0;
    if (auto [ptr, ec] = std::from_chars(text.data(), end, real); ec == std::errc() && ptr == end) {
        return real;
    }
    return text;
}

PipelineConfig read_pipeline(const std::filesystem::path& file, std::vector<Diagnostic>& diagnostics) {
    const std::optional<std::string> text = file_text(file);
    if (!text) {
        diagnostics.push_back({file.string(), {1, 1}, "cannot read the config file: " + std::string(std::strerror(errno))});
        return PipelineConfig{};
    }
    return parse_pipeline(*text, file.string(), diagnostics);
}

}  // namespace timbre::host
