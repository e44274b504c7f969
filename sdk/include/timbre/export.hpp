// SPDX-License-Identifier: GPL-3.0-or-later
// How a plugin library makes its plugins visible to the host: list them once with
// TIMBRE_EXPORT_PLUGINS(...). The macro exports the library's AbiStamp and, through
// BOOST_DLL_ALIAS, one function returning the entries; nothing else needs to be visible.
//
//   TIMBRE_EXPORT_PLUGINS(timbre::make_entry<MelSpectrogram>(MelSpectrogram::descriptor()))
//
// A library whose plugins are found when it loads (a bridge to another plugin format, whose
// plugins come and go without this file changing) exports its listing function instead:
//
//   TIMBRE_EXPORT_PLUGIN_LIST(list_vamp_outputs)
//
// The host then never caches its descriptors, and an empty list is not an error.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>

#include "timbre/abi.hpp"
#include "timbre/descriptor.hpp"
#include "timbre/plugin.hpp"

namespace timbre {

// One plugin a library provides: what it is, and how to make an instance.
struct PluginEntry {
    Descriptor descriptor;
    std::function<std::unique_ptr<Plugin>()> create;
};

using PluginEntries = std::vector<PluginEntry>;

template <typename P> PluginEntry make_entry(Descriptor descriptor) {
    return PluginEntry{std::move(descriptor), [] { return std::unique_ptr<Plugin>(new P()); }};
}

}  // namespace timbre

#define TIMBRE_EXPORT_PLUGINS(...)                                                          \
    extern "C" BOOST_SYMBOL_EXPORT const timbre::AbiStamp timbre_abi_stamp;                 \
    extern "C" const timbre::AbiStamp timbre_abi_stamp = timbre::current_abi_stamp;         \
    namespace {                                                                             \
    timbre::PluginEntries timbre_list_plugin_entries() { return {__VA_ARGS__}; }            \
    }                                                                                       \
    BOOST_DLL_ALIAS(timbre_list_plugin_entries, timbre_plugin_entries)

#define TIMBRE_EXPORT_PLUGIN_LIST(function)                                                 \
    extern "C" BOOST_SYMBOL_EXPORT const timbre::AbiStamp timbre_abi_stamp;                 \
    extern "C" const timbre::AbiStamp timbre_abi_stamp = timbre::current_abi_stamp;         \
    extern "C" BOOST_SYMBOL_EXPORT const bool timbre_plugin_list_varies;                    \
    extern "C" const bool timbre_plugin_list_varies = true;                                 \
    BOOST_DLL_ALIAS(function, timbre_plugin_entries)
