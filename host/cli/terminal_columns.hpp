// SPDX-License-Identifier: GPL-3.0-or-later
// The command line's tables (the run summary, `timbre tracks`) line up names of any script: a
// cell is measured in the columns a terminal gives its text (an accented letter one, a CJK
// ideograph two, a combining accent none), and a name too long for its cell is cut between
// characters, never inside one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace timbre::host {

// The columns a terminal takes to show UTF-8 `text`; a byte that is not UTF-8 counts one.
std::size_t terminal_width(std::string_view text);

// Which end of a name too long for its cell is shown: a path's end (its file name) or a
// title's start.
enum class KeptEnd { start, end };

// `text` in exactly `columns` columns: padded with spaces, or cut with "..." where the
// dropped part was, keeping `kept`. `columns` must be at least 4.
std::string table_cell(std::string_view text, std::size_t columns, KeptEnd kept);

}  // namespace timbre::host
