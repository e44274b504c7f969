// SPDX-License-Identifier: GPL-3.0-or-later
// A folder given with --dataset replaces the config's source and keeps its split settings
// (seed, held-out share); a CSV keeps the config's column declarations too, so a second
// file in the same layout (a newer export, an external test set) needs no new config. A
// config that pools several sources has no one layout: its columns are read from the header.
#include "cli/dataset_choice.hpp"

#include <algorithm>

#include "ml/csv_table.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

std::string first_present(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        if (std::find(header.begin(), header.end(), name) != header.end()) {
            return name;
        }
    }
    return "";
}

// Every column `spec` reads from its CSV.
std::vector<std::string> declared_columns(const DatasetSpec& spec) {
    std::vector<std::string> columns{spec.label, spec.target, spec.audio, spec.text, spec.split, spec.group, spec.id};
    if (!spec.join) {
        for (const auto& feature : spec.features) {
            columns.push_back(feature.column);
        }
    } else {
        for (const auto& [left, right] : spec.join->on) {
            columns.push_back(left);
        }
    }
    std::erase(columns, "");
    return columns;
}

bool has_columns(const std::filesystem::path& csv, const std::vector<std::string>& columns) {
    const CsvTable table = CsvTable::read(csv);
    return std::all_of(columns.begin(), columns.end(), [&](const std::string& column) {
        return std::find(table.header().begin(), table.header().end(), column) != table.header().end();
    });
}

// The columns of a CSV no config describes, found by their usual names; `configured_label`
// is the config's label column, used when the CSV has one of that name.
void read_columns_from_header(DatasetSpec& spec, const std::string& label, const std::string& configured_label) {
    const CsvTable table = CsvTable::read(spec.csv);
    const auto& header = table.header();
    spec.label = !label.empty() ? label : first_present(header, {"label", configured_label.c_str()});
    if (spec.label.empty()) {
        throw Error("--dataset " + spec.csv.string() + ": no 'label' column; name the label column with --label (columns: " +
                    table.column_list() + ")");
    }
    table.column(spec.label);
    spec.audio = first_present(header, {"path", "audio", "file"});
    spec.text = spec.audio.empty() ? first_present(header, {"lyrics", "text"}) : "";
    if (spec.audio.empty() && spec.text.empty()) {
        throw Error("--dataset " + spec.csv.string() +
                    ": no column of audio paths (path, audio or file) or of text (lyrics or text); a CSV of feature "
                    "columns needs a 'dataset:' section in the config naming them (columns: " + table.column_list() + ")");
    }
}

}  // namespace

DatasetSpec dataset_for_run(const std::optional<DatasetSpec>& configured, const DatasetChoice& choice,
                            const std::string& config_file) {
    if (!configured && choice.dataset.empty()) {
        throw Error(config_file + ": has no 'dataset' section (csv, label, features) to train or evaluate on; add "
                    "one or pass --dataset FOLDER_OR_CSV");
    }
    DatasetSpec spec = configured.value_or(DatasetSpec{});
    if (!spec.sources.empty() && choice.dataset.empty() && (!choice.label.empty() || !choice.group_by.empty())) {
        throw Error(config_file + ": the dataset pools several sources; set --label and --group-by's choices in "
                    "each source of its section instead");
    }
    if (!choice.dataset.empty()) {
        const std::filesystem::path source(choice.dataset);
        std::error_code error;
        if (std::filesystem::is_directory(source, error)) {
            DatasetSpec folder{.folder = source, .test_fraction = spec.test_fraction, .seed = spec.seed};
            folder.group = spec.folder.empty() ? "" : spec.group;
            folder.mixtures = spec.mixtures;
            spec = folder;
        } else if (std::filesystem::is_regular_file(source, error)) {
            DatasetSpec in_layout = spec;
            in_layout.csv = source;
            in_layout.test_csv.clear();
            if (choice.without_group) {
                in_layout.group.clear();
            }
            if (!choice.label.empty()) {
                in_layout.label = choice.label;
            }
            if (configured && configured->folder.empty() && configured->sources.empty() &&
                has_columns(source, declared_columns(in_layout))) {
                spec = in_layout;
            } else {
                DatasetSpec from_header{.csv = source, .test_fraction = spec.test_fraction, .seed = spec.seed};
                from_header.mixtures = spec.mixtures;
                spec = from_header;
                read_columns_from_header(spec, choice.label, configured ? configured->label : "");
            }
        } else {
            throw Error("--dataset " + choice.dataset + ": no such file or folder");
        }
    }
    if (!choice.label.empty() && spec.folder.empty()) {
        spec.label = choice.label;
    }
    if (choice.without_group) {
        spec.group.clear();
        for (auto& source : spec.sources) {
            source.group.clear();
        }
    } else if (!choice.group_by.empty()) {
        if (!spec.folder.empty() && choice.group_by != "artist" && choice.group_by != "album") {
            throw Error("--group-by " + choice.group_by + ": a folder dataset groups by a tag, 'artist' or 'album'");
        }
        spec.group = choice.group_by;
    }
    return spec;
}

}  // namespace timbre::host
