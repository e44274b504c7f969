// SPDX-License-Identifier: GPL-3.0-or-later
// libcsv calls back once per field and once per row end; rows are assembled here.
#include "ml/csv_table.hpp"

#include <csv.h>

#include <fstream>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {
struct Collector {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> current;
};

void on_field(void* data, std::size_t length, void* collector) {
    static_cast<Collector*>(collector)->current.emplace_back(static_cast<const char*>(data), length);
}

void on_row(int, void* collector) {
    auto* c = static_cast<Collector*>(collector);
    c->rows.push_back(std::move(c->current));
    c->current.clear();
}
}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error("dataset " + file.string() + ": cannot be read");
    }
    csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL);
    Collector collector;
    std::vector<char> block(1 << 20);
    while (in.read(block.data(), static_cast<std::streamsize>(block.size())) || in.gcount() > 0) {
        const auto count = static_cast<std::size_t>(in.gcount());
        if (csv_parse(&parser, block.data(), count, on_field, on_row, &collector) != count) {
            const std::string reason = csv_strerror(csv_error(&parser));
            csv_free(&parser);
            throw Error("dataset " + file.string() + ": CSV parse error near row " +
                        std::to_string(collector.rows.size() + 1) + ": " + reason);
        }
    }
    csv_fini(&parser, on_field, on_row, &collector);
    csv_free(&parser);
    if (collector.rows.empty()) {
        throw Error("dataset " + file.string() + ": no header row");
    }
    CsvTable table;
    table.file_ = file;
    table.header_ = std::move(collector.rows.front());
    for (std::size_t r = 1; r < collector.rows.size(); ++r) {
        if (collector.rows[r].size() != table.header_.size()) {
            throw Error("dataset " + file.string() + ":" + std::to_string(r + 1) + ": " +
                        std::to_string(collector.rows[r].size()) + " fields, the header has " +
                        std::to_string(table.header_.size()));
        }
        table.rows_.push_back(std::move(collector.rows[r]));
    }
    return table;
}

std::string CsvTable::column_list() const {
    std::string list;
    for (const auto& column : header_) {
        list += (list.empty() ? "" : ", ") + column;
    }
    return list;
}

std::size_t CsvTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < header_.size(); ++i) {
        if (header_[i] == name) {
            return i;
        }
    }
    throw Error("dataset " + file_.string() + " has no column '" + name + "' (columns: " + column_list() + ")");
}

}  // namespace timbre::host
