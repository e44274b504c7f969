// SPDX-License-Identifier: GPL-3.0-or-later
// Which plugin this thread is inside, for the fatal-signal handler: a plugin that crashes
// the process is reported by name. Every call into a plugin during a track is marked.
#pragma once

#include <string>

namespace timbre::host {

// Marks the plugin `id` as running on this thread for the lifetime of the object.
class RunningPlugin {
public:
    explicit RunningPlugin(const std::string& id);
    ~RunningPlugin();
    RunningPlugin(const RunningPlugin&) = delete;
    RunningPlugin& operator=(const RunningPlugin&) = delete;
};

// The id of the plugin running on this thread, or nullptr.
const char* plugin_running_on_this_thread();

}  // namespace timbre::host
