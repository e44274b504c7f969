// SPDX-License-Identifier: GPL-3.0-or-later
// The process keeps freed heap memory for reuse instead of handing it back to the system
// after every large free: libtorch frees each layer's activations as the next is computed, and
// glibc's default trimming returned them at once, so every forward pass faulted its pages in
// again (a third of a CNN's training time went to the kernel, and training took 2.5 times as
// long).
#pragma once

namespace timbre::host {

// Call first in main(), before threads start: malloc's settings are process-wide.
void keep_freed_heap_for_reuse();

}  // namespace timbre::host
