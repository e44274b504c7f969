// SPDX-License-Identifier: GPL-3.0-or-later
// Rows without a label are dropped (and counted); a feature that is not a number is an error
// with its line and column, since silently dropping it would bias the data. The same id,
// lyrics (up to case and punctuation) or recording is kept once, so it cannot sit on both
// sides of a split that timbre makes.
#include "ml/dataset.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "decode/tag_reader.hpp"
#include "graph/loose_key.hpp"
#include "ml/csv_table.hpp"
#include "ml/mixtures.hpp"
#include "timbre/error.hpp"
#include "tracks/content_hash.hpp"
#include "tracks/track_list.hpp"

namespace timbre::host {

namespace {
// Whether a text can hold a word: an ASCII letter or digit, or any non-ASCII character
// (letters of other scripts). "?" or "''" cannot.
bool has_word_characters(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x80 || std::isalnum(byte);
    });
}

// The label of the first rule matching `text`, or "" if none does.
std::string first_match(const std::vector<std::pair<std::regex, std::string>>& rules, const std::string& text) {
    for (const auto& [pattern, label] : rules) {
        if (std::regex_search(text, pattern)) {
            return label;
        }
    }
    return "";
}

std::string row_key(const std::vector<std::string>& row, const std::vector<std::size_t>& columns) {
    std::string key;
    for (std::size_t column : columns) {
        key += loose_key(row[column]) + '\x1f';
    }
    return key;
}

// The identity of an audio example: its content, or its path when the file cannot be read
// (that example then fails on its own when it is decoded, and is counted there).
std::string audio_key(const std::filesystem::path& audio) {
    try {
        return hash_file(audio);
    } catch (const Error&) {
        return hash_text("path:" + audio.string());
    }
}

// The identity of a CSV row: its id, else its text as loose_key() normalises it (the same
// lyrics with other punctuation or case are one song), else its audio, else all it holds.
std::string example_key(const std::vector<std::string>& row, std::optional<std::size_t> id,
                        std::optional<std::size_t> text, const std::filesystem::path& audio) {
    if (id) {
        return hash_text("id:" + row[*id]);
    }
    if (text) {
        return hash_text("text:" + loose_key(row[*text]));
    }
    if (!audio.empty()) {
        return audio_key(audio);
    }
    std::string all;
    for (const auto& cell : row) {
        all += cell + '\x1f';
    }
    return hash_text("row:" + all);
}

double number_at(const std::string& text, const std::filesystem::path& file, std::size_t row, const std::string& column) {
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw Error("dataset " + file.string() + ":" + std::to_string(row + 2) + ": column '" + column + "' holds '" +
                    text + "', not a number");
    }
    return value;
}

// The year a date starts with: four digits, then nothing or "-month[-day]".
double year_at(const std::string& text, const std::filesystem::path& file, std::size_t row, const std::string& column) {
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
    const bool four_digits = error == std::errc() && end == text.data() + 4;
    if (!four_digits || (end != text.data() + text.size() && *end != '-')) {
        throw Error("dataset " + file.string() + ":" + std::to_string(row + 2) + ": column '" + column + "' holds '" +
                    text + "', not a date starting with a four-digit year");
    }
    return year;
}

double feature_at(const std::string& text, const FeatureColumn& feature, const std::filesystem::path& file,
                  std::size_t row) {
    return feature.reading == FeatureColumn::Reading::year ? year_at(text, file, row, feature.column)
                                                           : number_at(text, file, row, feature.column);
}

// Appends the rows of one CSV file to `dataset`; `held_out` marks them all as test rows.
void append_rows(const DatasetSpec& spec, const std::filesystem::path& file, bool held_out, Dataset& dataset,
                 std::set<std::string>& seen) {
    const CsvTable table = CsvTable::read(file);
    const bool regression = !spec.target.empty();
    const std::size_t label = table.column(regression ? spec.target : spec.label);
    // Feature values come from this table, or from the joined one (matched by key).
    std::optional<CsvTable> joined;
    std::map<std::string, std::size_t> joined_rows;
    std::vector<std::size_t> left_keys;
    if (spec.join) {
        joined = CsvTable::read(spec.join->csv);
        std::vector<std::size_t> right_keys;
        for (const auto& [left, right] : spec.join->on) {
            left_keys.push_back(table.column(left));
            right_keys.push_back(joined->column(right));
        }
        for (std::size_t r = 0; r < joined->rows().size(); ++r) {
            joined_rows.emplace(row_key(joined->rows()[r], right_keys), r);
        }
    }
    const CsvTable& feature_table = joined ? *joined : table;
    std::vector<std::size_t> features;
    for (const auto& feature : spec.features) {
        features.push_back(feature_table.column(feature.column));
    }
    const std::optional<std::size_t> group = spec.group.empty() ? std::nullopt : std::optional(table.column(spec.group));
    const std::optional<std::size_t> id = spec.id.empty() ? std::nullopt : std::optional(table.column(spec.id));
    const std::optional<std::size_t> audio =
        spec.audio.empty() ? std::nullopt : std::optional(table.column(spec.audio));
    const std::optional<std::size_t> text = spec.text.empty() ? std::nullopt : std::optional(table.column(spec.text));
    const std::optional<std::size_t> split =
        spec.split.empty() ? std::nullopt : std::optional(table.column(spec.split));
    std::vector<std::pair<std::regex, std::string>> rules;
    for (const auto& rule : spec.label_rules) {
        rules.emplace_back(std::regex(rule.pattern, std::regex::ECMAScript | std::regex::icase), rule.label);
    }
    for (std::size_t r = 0; r < table.rows().size(); ++r) {
        const auto& row = table.rows()[r];
        const bool no_text = text && !has_word_characters(row[*text]);
        const std::string class_name = regression || rules.empty() ? row[label] : first_match(rules, row[label]);
        if (class_name.empty() || no_text) {
            ++dataset.unlabelled_dropped;
            continue;
        }
        bool side_test = held_out;
        if (split) {
            const std::string& side = row[*split];
            if (side != "train" && side != "test") {
                throw Error("dataset " + file.string() + ":" + std::to_string(r + 2) + ": column '" + spec.split +
                            "' holds '" + side + "', not train or test");
            }
            side_test = side_test || side == "test";
        }
        const std::filesystem::path audio_file = audio ? file.parent_path() / row[*audio] : std::filesystem::path();
        const std::string key = example_key(row, id, text, audio_file);
        // A repeated id, text or recording is the same example: kept once per side of the dataset's
        // own split (a copy on the other side is the dataset's doing, reported by `evaluate`).
        if ((id || text || audio) && !seen.insert((side_test ? "test:" : "train:") + key).second) {
            ++dataset.duplicates_dropped;
            continue;
        }
        const std::vector<std::string>* feature_row = &row;
        std::size_t feature_line = r;
        if (joined) {
            const auto match = joined_rows.find(row_key(row, left_keys));
            if (match == joined_rows.end()) {
                ++dataset.unjoined_dropped;
                continue;
            }
            feature_row = &joined->rows()[match->second];
            feature_line = match->second;
        }
        Example example{regression ? "" : class_name, 0.0, group ? row[*group] : std::to_string(r), {}, audio_file,
                        text ? row[*text] : "", side_test, key,
                        audio ? audio_file.string() : file.string() + ":" + std::to_string(r + 2)};
        if (regression) {
            example.target = number_at(row[label], file, r, spec.target);
        }
        for (std::size_t f = 0; f < features.size(); ++f) {
            example.features.push_back(feature_at((*feature_row)[features[f]], spec.features[f],
                                                  joined ? spec.join->csv : file, feature_line));
        }
        dataset.examples.push_back(std::move(example));
    }
}

// Appends every audio file under each sub-folder of spec.folder, labelled by the sub-folder.
void append_folder(const DatasetSpec& spec, Dataset& dataset) {
    std::error_code error;
    if (!std::filesystem::is_directory(spec.folder, error)) {
        throw Error("dataset folder " + spec.folder.string() + " does not exist or is not a folder");
    }
    std::vector<std::filesystem::path> labels;
    for (const auto& entry : std::filesystem::directory_iterator(spec.folder)) {
        if (entry.is_directory()) {
            labels.push_back(entry.path());
        }
    }
    std::sort(labels.begin(), labels.end());
    if (labels.size() < 2) {
        throw Error("dataset folder " + spec.folder.string() + " has " + std::to_string(labels.size()) +
                    " sub-folders; it needs one per label, at least two");
    }
    std::set<std::string> seen;
    for (const auto& label : labels) {
        for (const auto& file : collect_tracks({label}, {})) {
            std::string content = audio_key(file);
            if (!seen.insert(content).second) {
                ++dataset.duplicates_dropped;
                continue;
            }
            std::string group = file.string();
            if (!spec.group.empty()) {
                const TrackTags tags = read_tags(file);
                const std::string& tag = spec.group == "artist" ? tags.artist : tags.album;
                group = tag.empty() ? group : spec.group + ":" + tag;
            }
            dataset.examples.push_back(Example{label.filename().string(), 0.0, group, {}, file, "", false, std::move(content), file.string()});
        }
    }
}

}  // namespace

bool is_grouped(const DatasetSpec& spec) {
    return !spec.group.empty() || std::any_of(spec.sources.begin(), spec.sources.end(), is_grouped);
}

bool reads_audio(const DatasetSpec& spec) {
    if (spec.sources.empty()) {
        return !spec.folder.empty() || !spec.audio.empty();
    }
    const bool first = reads_audio(spec.sources.front());
    for (const auto& source : spec.sources) {
        if (reads_audio(source) != first) {
            throw Error("dataset sources " + dataset_location(spec.sources.front()) + " and " + dataset_location(source) +
                        " differ: one gives audio files, the other none; the pooled examples must all be one kind");
        }
    }
    return first;
}

std::string dataset_location(const DatasetSpec& spec) {
    if (spec.sources.empty()) {
        return (spec.folder.empty() ? spec.csv : spec.folder).string();
    }
    std::string location;
    for (const auto& source : spec.sources) {
        location += (location.empty() ? "" : " + ") + dataset_location(source);
    }
    return location;
}

Dataset load_dataset(const DatasetSpec& spec) {
    if (spec.mixtures) {
        DatasetSpec recordings = spec;
        recordings.mixtures.reset();
        return mix_recordings(load_dataset(recordings), *spec.mixtures, spec.test_fraction, spec.seed,
                              is_grouped(spec));
    }
    Dataset dataset;
    if (!spec.sources.empty()) {
        reads_audio(spec);
        for (std::size_t s = 0; s < spec.sources.size(); ++s) {
            Dataset part = load_dataset(spec.sources[s]);
            if (s == 0) {
                dataset.feature_names = part.feature_names;
                dataset.has_own_split = part.has_own_split;
            } else if (part.feature_names != dataset.feature_names || part.has_own_split != dataset.has_own_split) {
                throw Error("dataset source " + dataset_location(spec.sources[s]) + " differs from " +
                            dataset_location(spec.sources.front()) +
                            " in its feature columns or in having a split of its own; pooled sources must agree");
            }
            dataset.sources.push_back({dataset_location(spec.sources[s]), is_grouped(spec.sources[s])});
            for (Example& example : part.examples) {
                example.source = s;
                example.training_only = spec.sources[s].training_only;
                example.held_out = example.held_out && !example.training_only;  // even under its own split
                example.group = std::to_string(s) + ":" + example.group;  // groups of two sources never merge
                dataset.examples.push_back(std::move(example));
            }
            dataset.duplicates_dropped += part.duplicates_dropped;
            dataset.unjoined_dropped += part.unjoined_dropped;
            dataset.unlabelled_dropped += part.unlabelled_dropped;
        }
        return dataset;
    }
    if (const auto& made = spec.folder.empty() ? spec.csv : spec.folder;
        !spec.made_by.empty() && !std::filesystem::exists(made)) {
        throw Error("dataset " + made.string() + " does not exist yet: it is made by " + spec.made_by);
    }
    for (const auto& feature : spec.features) {
        dataset.feature_names.push_back(feature.name());
    }
    dataset.has_own_split = !spec.split.empty() || !spec.test_csv.empty();
    if (!spec.folder.empty()) {
        append_folder(spec, dataset);
        return dataset;
    }
    std::set<std::string> seen;
    append_rows(spec, spec.csv, false, dataset, seen);
    if (!spec.test_csv.empty()) {
        append_rows(spec, spec.test_csv, true, dataset, seen);
    }
    return dataset;
}

Dataset dataset_part(const Dataset& dataset, const std::vector<std::size_t>& indices) {
    Dataset part;
    part.sources = dataset.sources;
    part.tagged = dataset.tagged;
    part.feature_names = dataset.feature_names;
    part.has_own_split = dataset.has_own_split;
    for (std::size_t i : indices) {
        part.examples.push_back(dataset.examples[i]);
    }
    return part;
}

}  // namespace timbre::host
