// SPDX-License-Identifier: GPL-3.0-or-later
// A thread-local pointer: async-signal-safe to read from a signal handler.
#include "graph/running_plugin.hpp"

namespace timbre::host {

namespace {
thread_local const char* running_plugin = nullptr;
}

RunningPlugin::RunningPlugin(const std::string& id) { running_plugin = id.c_str(); }
RunningPlugin::~RunningPlugin() { running_plugin = nullptr; }

const char* plugin_running_on_this_thread() { return running_plugin; }

}  // namespace timbre::host
