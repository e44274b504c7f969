// A plugin that crashes the process (segfault, abort) is named on stderr before the process
// dies, so the user knows which plugin to blame and that --resume continues the run.
#pragma once

namespace timbre::host {

void install_crash_report();

}  // namespace timbre::host
