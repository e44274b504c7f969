// SPDX-License-Identifier: GPL-3.0-or-later
// A CSV file read whole (RFC 4180 quoting, via libcsv), with columns found by name. The
// datasets are tens of thousands of rows: reading them into memory is the simple choice.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::host {

class CsvTable {
public:
    // Throws timbre::Error naming the file (and line, for a parse error or a short row).
    static CsvTable read(const std::filesystem::path& file);

    const std::vector<std::string>& header() const { return header_; }
    const std::vector<std::vector<std::string>>& rows() const { return rows_; }
    // Index of a column; throws timbre::Error naming the file and listing the columns.
    std::size_t column(const std::string& name) const;
    // The header as "a, b, c", for messages that say which columns there are.
    std::string column_list() const;

private:
    std::filesystem::path file_;
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace timbre::host
