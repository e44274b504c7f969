// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/loose_key.hpp"

#include <cctype>

namespace timbre::host {

std::string loose_key(const std::string& text) {
    std::string key;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || byte >= 0x80) {
            key += static_cast<char>(std::tolower(byte));
        } else if (!key.empty() && key.back() != ' ') {
            key += ' ';
        }
    }
    if (!key.empty() && key.back() == ' ') {
        key.pop_back();
    }
    return key;
}

}  // namespace timbre::host
