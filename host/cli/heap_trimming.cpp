// SPDX-License-Identifier: GPL-3.0-or-later
// glibc trims the main heap's free top above M_TRIM_THRESHOLD, which by default follows the
// last large block freed (twice its size): a network's activations of a few megabytes each,
// freed together, exceed it and go back to the kernel on every pass. Setting the threshold
// fixes glibc's adaptive mmap threshold too, so both are set: blocks from 32 MiB (glibc's own
// adaptive ceiling) are mapped and unmapped alone, as a 2-hour track's signal should be, and up
// to 64 MiB of free heap top is kept. Other threads' arenas do not return memory this way.
#include "cli/heap_trimming.hpp"

#include <malloc.h>

namespace timbre::host {

void keep_freed_heap_for_reuse() {
    constexpr int kMappedAlone = 32 << 20;
    constexpr int kKeptFreeTop = 64 << 20;
    mallopt(M_MMAP_THRESHOLD, kMappedAlone);
    mallopt(M_TRIM_THRESHOLD, kKeptFreeTop);
}

}  // namespace timbre::host
