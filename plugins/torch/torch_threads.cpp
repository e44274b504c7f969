// SPDX-License-Identifier: GPL-3.0-or-later
// at::set_num_threads also sets the calling thread's OpenMP team size, so the inference
// setting is applied on the worker thread that runs the model.
#include "torch_threads.hpp"

#include <torch/torch.h>

#include <algorithm>
#include <thread>

namespace timbre::plugins {

TorchThreads::TorchThreads(int threads) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(threads > 0 ? threads : cores);
}

TorchThreads::~TorchThreads() { at::set_num_threads(1); }

void use_one_torch_thread() {
    if (at::get_num_threads() != 1) {
        at::set_num_threads(1);
    }
}

}  // namespace timbre::plugins
