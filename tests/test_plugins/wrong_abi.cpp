// SPDX-License-Identifier: GPL-3.0-or-later
// A library stamped with an SDK ABI version the host does not speak; its entry point
// must never be called.
#include <cstdlib>

#include "timbre/timbre.hpp"

extern "C" BOOST_SYMBOL_EXPORT const timbre::AbiStamp timbre_abi_stamp;
extern "C" const timbre::AbiStamp timbre_abi_stamp{999, TIMBRE_COMPILER_TAG};

namespace {
timbre::PluginEntries entries() { std::abort(); }
}  // namespace
BOOST_DLL_ALIAS(entries, timbre_plugin_entries)
