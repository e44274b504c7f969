// SPDX-License-Identifier: GPL-3.0-or-later
// A plugin that crashes the process (segfault, abort) is named on stderr before the process
// dies, so the user knows which plugin to blame and that --resume continues the run.
#pragma once

namespace timbre::host {

// `consequence` (a static string) closes the message: what happens to the run now.
void install_crash_report(
    const char* consequence = "Tracks finished so far are in the results store; rerun with --resume to continue.");

}  // namespace timbre::host
