// SPDX-License-Identifier: GPL-3.0-or-later
// A character's width comes from ICU's Unicode properties (East Asian width, general
// category), the rule terminals follow: wide and fullwidth take two columns, combining marks
// and format characters none. A zero-width character stays with the one before it when a
// name is cut.
#include "cli/terminal_columns.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <vector>

namespace timbre::host {

namespace {

// One character of the text: where its bytes start and the columns it takes.
struct ShownCharacter {
    std::size_t offset;
    std::size_t width;
};

std::size_t width_of(UChar32 c) {
    if (c < 0) {
        return 1;  // not UTF-8: a terminal shows a replacement character
    }
    switch (u_charType(c)) {
        case U_NON_SPACING_MARK:
        case U_ENCLOSING_MARK:
        case U_FORMAT_CHAR:
            return 0;
        default:
            break;
    }
    const auto east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    return east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
}

std::vector<ShownCharacter> characters_of(std::string_view text) {
    std::vector<ShownCharacter> characters;
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    std::int32_t at = 0;
    while (at < length) {
        const auto start = static_cast<std::size_t>(at);
        UChar32 c = 0;
        U8_NEXT(bytes, at, length, c);
        characters.push_back({start, width_of(c)});
    }
    return characters;
}

std::size_t total_width(const std::vector<ShownCharacter>& characters) {
    std::size_t width = 0;
    for (const auto& character : characters) {
        width += character.width;
    }
    return width;
}

}  // namespace

std::size_t terminal_width(std::string_view text) { return total_width(characters_of(text)); }

std::string table_cell(std::string_view text, std::size_t columns, KeptEnd kept) {
    const auto characters = characters_of(text);
    std::size_t width = total_width(characters);
    std::string cell;
    if (width <= columns) {
        cell = text;
    } else {
        // Whole characters fill the room left beside "..."; a zero-width character always fits,
        // so from the start it comes with its base, and from the end one whose base did not
        // fit is dropped.
        const std::size_t room = columns - 3;
        const auto byte_at = [&](std::size_t i) { return i < characters.size() ? characters[i].offset : text.size(); };
        std::size_t used = 0;
        if (kept == KeptEnd::start) {
            std::size_t end = 0;
            while (end < characters.size() && used + characters[end].width <= room) {
                used += characters[end++].width;
            }
            cell = std::string(text.substr(0, byte_at(end))) + "...";
        } else {
            std::size_t begin = characters.size();
            while (begin > 0 && used + characters[begin - 1].width <= room) {
                used += characters[--begin].width;
            }
            while (begin < characters.size() && characters[begin].width == 0) {
                ++begin;  // marks whose base is cut off
            }
            cell = "..." + std::string(text.substr(byte_at(begin)));
        }
        width = used + 3;
    }
    cell.append(columns - width, ' ');
    return cell;
}

}  // namespace timbre::host
