// SPDX-License-Identifier: GPL-3.0-or-later
// The one way timbre writes JSON text. A file name is bytes, not always UTF-8 (a Latin-1 name
// copied from an old disk), and JSON must be UTF-8: nlohmann's default dump throws on such a
// byte, which ended a whole `analyze` run before its first line was written. Here each byte
// that is not UTF-8 becomes U+FFFD; the store and the CSV keep the name's own bytes.
#pragma once

#include <string>

namespace timbre::host {

// Compact with indent < 0, else one member a line indented by `indent` spaces.
template <typename Json>
std::string json_text(const Json& json, int indent = -1) {
    return json.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace timbre::host
