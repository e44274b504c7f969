// SPDX-License-Identifier: GPL-3.0-or-later
// libtorch's intra-op thread count is process-wide. The host runs one plugin instance per
// worker thread, so inference must use one thread each; training runs alone and may use
// every core. This guard sets the count for a scope and puts the inference setting back.
#pragma once

namespace timbre::plugins {

class TorchThreads {
public:
    explicit TorchThreads(int threads);  // 0 = all cores
    ~TorchThreads();
    TorchThreads(const TorchThreads&) = delete;
    TorchThreads& operator=(const TorchThreads&) = delete;
};

// One thread per call, for inference on a host worker.
void use_one_torch_thread();

}  // namespace timbre::plugins
