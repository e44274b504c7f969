// SPDX-License-Identifier: GPL-3.0-or-later
// The binary contract between host and plugin libraries. Every plugin library exports an
// AbiStamp; the host reads it (plain data, no code runs) before it calls anything in the
// library, and refuses a library whose stamp differs from its own, naming both.
#pragma once

#include <cstdint>

// Bump when any SDK type's layout or virtual interface changes.
#define TIMBRE_SDK_ABI_VERSION 5u

#define TIMBRE_STRINGIFY_INNER(x) #x
#define TIMBRE_STRINGIFY(x) TIMBRE_STRINGIFY_INNER(x)
#if defined(__clang__)
#define TIMBRE_COMPILER_TAG "clang-" TIMBRE_STRINGIFY(__clang_major__) "/libstdc++" TIMBRE_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(__GNUC__)
#define TIMBRE_COMPILER_TAG "gcc-" TIMBRE_STRINGIFY(__GNUC__) "/libstdc++" TIMBRE_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define TIMBRE_COMPILER_TAG "unknown"
#endif

namespace timbre {

struct AbiStamp {
    std::uint32_t sdk_abi_version;
    char compiler[48];
};

// The stamp of the code including this header (the host's own, when the host includes it).
inline constexpr AbiStamp current_abi_stamp{TIMBRE_SDK_ABI_VERSION, TIMBRE_COMPILER_TAG};

}  // namespace timbre

// Symbol names the host looks up in a plugin library.
#define TIMBRE_ABI_STAMP_SYMBOL "timbre_abi_stamp"
#define TIMBRE_ENTRIES_SYMBOL "timbre_plugin_entries"
// Present in a library whose plugin list is found at load time (TIMBRE_EXPORT_PLUGIN_LIST).
#define TIMBRE_LIST_VARIES_SYMBOL "timbre_plugin_list_varies"
