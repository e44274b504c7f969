// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4180 quoting; numbers printed with 9 significant digits (float precision).
#include "results/results_csv.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace timbre::host {

namespace {
std::string quoted(const std::string& cell) {
    if (cell.find_first_of(",\"\n\r") == std::string::npos) {
        return cell;
    }
    std::string text = "\"";
    for (char c : cell) {
        text += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return text + "\"";
}

std::string csv_number(double value) {
    if (!std::isfinite(value)) {
        return "";
    }
    std::ostringstream out;
    out.precision(9);
    out << value;
    return out.str();
}
}  // namespace

void ResultsCsv::set(std::size_t row, const std::string& column, std::string cell) {
    auto [it, inserted] = column_index_.emplace(column, columns_.size());
    if (inserted) {
        columns_.push_back(column);
    }
    rows_[row][it->second] = std::move(cell);
}

void ResultsCsv::add(const TrackResult& result) {
    if (result.status == TrackStatus::skipped) {
        return;
    }
    const std::size_t row = result.index;
    set(row, "path", result.path.string());
    set(row, "status", to_string(result.status));
    set(row, "error", result.error);
    set(row, "duration_s", result.status == TrackStatus::ok ? csv_number(result.duration_seconds) : "");
    set(row, "artist", result.tags.artist);
    set(row, "title", result.tags.title);
    set(row, "album", result.tags.album);
    set(row, "genre", result.tags.genre);
    set(row, "year", result.tags.year > 0 ? std::to_string(result.tags.year) : "");
    std::string skipped;
    for (const auto& [node, reason] : result.skipped_nodes) {
        skipped += (skipped.empty() ? "" : "; ") + node + ": " + reason;
    }
    set(row, "skipped_nodes", skipped);
    std::string warnings;
    for (const auto& warning : result.warnings) {
        warnings += (warnings.empty() ? "" : "; ") + warning;
    }
    set(row, "warnings", warnings);
    for (const auto& [key, value] : result.outputs) {
        if (const auto* scalar = std::get_if<Scalar>(value.get())) {
            set(row, key, csv_number(scalar->value));
        } else if (const auto* vector = std::get_if<Vector>(value.get())) {
            for (std::size_t i = 0; i < vector->size(); ++i) {
                set(row, key + "." + vector->names()[i], csv_number(vector->values()[i]));
            }
        } else if (const auto* labels = std::get_if<Labels>(value.get())) {
            set(row, key, labels->top());
            for (const auto& [label, probability] : labels->probabilities()) {
                set(row, key + "." + label, csv_number(probability));
            }
        } else if (const auto* text = std::get_if<Text>(value.get())) {
            set(row, key, text->text);
        }
    }
}

void ResultsCsv::write(const std::filesystem::path& file) const {
    std::ofstream out(file, std::ios::binary);
    for (std::size_t c = 0; c < columns_.size(); ++c) {
        out << (c ? "," : "") << quoted(columns_[c]);
    }
    out << "\n";
    for (const auto& [index, cells] : rows_) {
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            const auto it = cells.find(c);
            out << (c ? "," : "") << (it == cells.end() ? "" : quoted(it->second));
        }
        out << "\n";
    }
    if (!out) {
        throw Error("cannot write " + file.string() + ": " + std::strerror(errno));
    }
}

}  // namespace timbre::host
