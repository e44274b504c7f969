// SPDX-License-Identifier: GPL-3.0-or-later
// Tables of track names line up in a terminal whatever script the names are in, and a cut
// name is still UTF-8.
#include <catch2/catch.hpp>

#include "cli/terminal_columns.hpp"

using timbre::host::KeptEnd;
using timbre::host::table_cell;
using timbre::host::terminal_width;

TEST_CASE("a character takes the columns a terminal gives it", "[cli][columns]") {
    CHECK(terminal_width("Sigur Ros") == 9);
    CHECK(terminal_width("ça va — été") == 11);             // two-byte and three-byte characters, one column each
    CHECK(terminal_width("東京事変") == 8);                  // CJK ideographs take two
    CHECK(terminal_width("e\xcc\x81te\xcc\x81") == 3);      // "été" with combining accents, which take none
    CHECK(terminal_width("caf\xe9") == 4);                   // a Latin-1 byte, not UTF-8: one column
}

TEST_CASE("a short name is padded to its cell's width in columns, not bytes", "[cli][columns]") {
    CHECK(table_cell("abc", 6, KeptEnd::end) == "abc   ");
    CHECK(table_cell("été", 6, KeptEnd::end) == "été   ");
    CHECK(table_cell("東京", 6, KeptEnd::start) == "東京  ");
    CHECK(table_cell("exactly", 7, KeptEnd::start) == "exactly");
}

TEST_CASE("a long name is cut between characters, at the end it does not keep", "[cli][columns]") {
    CHECK(table_cell("/music/album/track.flac", 12, KeptEnd::end) == "...rack.flac");
    CHECK(table_cell("A very long title", 10, KeptEnd::start) == "A very ...");
    // Each é is two bytes: a cut by bytes would leave half of one.
    CHECK(table_cell("/été/ééééé.wav", 10, KeptEnd::end) == "...ééé.wav");
    CHECK(table_cell("ééééééééé", 6, KeptEnd::start) == "ééé...");
    // A wide character that does not fit whole leaves a column of padding.
    CHECK(table_cell("東京事変の曲", 8, KeptEnd::start) == "東京... ");
    CHECK(table_cell("曲東京事変", 8, KeptEnd::end) == "...事変 ");
}

TEST_CASE("a combining mark stays with the letter it accents when a name is cut", "[cli][columns]") {
    const std::string accented = "e\xcc\x81";  // é as e + U+0301
    CHECK(table_cell("ab" + accented + "cdefgh", 6, KeptEnd::start) == "ab" + accented + "...");
    // From the end: the accent's letter is cut off, so the accent goes too.
    CHECK(table_cell("abcd" + accented + "fgh", 6, KeptEnd::end) == "...fgh");
    CHECK(table_cell("abcd" + accented + "gh", 6, KeptEnd::end) == "..." + accented + "gh");
}
