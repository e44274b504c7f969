// SPDX-License-Identifier: GPL-3.0-or-later
// The web page's files (host/web/assets), compiled into the binary by host/CMakeLists.txt so
// `timbre serve` needs nothing installed beside it and nothing is fetched at run time.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace timbre::host {

struct WebAsset {
    std::string_view path;          // "/", "/app.js", ...
    std::string_view content_type;
    std::string_view content;
};

const std::vector<WebAsset>& web_assets();

}  // namespace timbre::host
