// Rows without a label are dropped (and counted); a feature that is not a number is an error
// with its line and column, since silently dropping it would bias the data. In a folder
// dataset the same recording under two labels or names is kept once (by content hash), so it
// cannot sit on both sides of a split.
#include "ml/dataset.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "decode/tag_reader.hpp"
#include "ml/csv_table.hpp"
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

// The join key of a text: lower case ASCII, every run of other characters one space, trimmed.
std::string join_key(const std::string& text) {
    std::string key;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || byte >= 0x80) {
            key += static_cast<char>(std::tolower(byte));
        } else if (!key.empty() && key.back() != ' ') {
            key += ' ';
        }
    }
    while (!key.empty() && key.back() == ' ') {
        key.pop_back();
    }
    return key;
}

std::string row_key(const std::vector<std::string>& row, const std::vector<std::size_t>& columns) {
    std::string key;
    for (std::size_t column : columns) {
        key += join_key(row[column]) + '\x1f';
    }
    return key;
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
        if (id && !seen.insert(row[*id]).second) {
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
        Example example{regression ? "" : class_name, 0.0, group ? row[*group] : std::to_string(r), {}, {}, text ? row[*text] : "", false};
        if (audio) {
            example.audio = file.parent_path() / row[*audio];
        }
        if (split) {
            const std::string& side = row[*split];
            if (side != "train" && side != "test") {
                throw Error("dataset " + file.string() + ":" + std::to_string(r + 2) + ": column '" + spec.split +
                            "' holds '" + side + "', not train or test");
            }
            example.held_out = side == "test";
        }
        example.held_out = example.held_out || held_out;
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
            if (!seen.insert(hash_file(file)).second) {
                ++dataset.duplicates_dropped;
                continue;
            }
            std::string group = file.string();
            if (!spec.group.empty()) {
                const TrackTags tags = read_tags(file);
                const std::string& tag = spec.group == "artist" ? tags.artist : tags.album;
                group = tag.empty() ? group : spec.group + ":" + tag;
            }
            dataset.examples.push_back(Example{label.filename().string(), 0.0, group, {}, file, "", false});
        }
    }
}

}  // namespace

Dataset load_dataset(const DatasetSpec& spec) {
    Dataset dataset;
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

}  // namespace timbre::host
