// SPDX-License-Identifier: GPL-3.0-or-later
// The one way timbre spreads per-item work over cores: `workers` threads take the next item
// index from a shared counter (no item waits for another), and each result is handed back on
// the calling thread as soon as it is ready, so the caller can write stores and progress
// without locks. Worker k always runs on its own thread, so work may use per-worker state
// (a GraphInstance) indexed by k.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::host {

// Calls work(worker, index) -> Result for every index in [0, count) and deliver(Result) for
// each, in completion order, on the calling thread; returns when all are delivered. work must
// not throw (turn failures into results). If deliver throws (the store's disk is full), no
// new item is started and the exception leaves once the items under way are done.
template <typename Work, typename Deliver>
void run_on_workers(std::size_t count, unsigned workers, Work work, Deliver deliver) {
    using Result = decltype(work(0u, std::size_t{0}));
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable ready;
    std::deque<Result> finished;
    std::vector<std::jthread> threads;
    for (unsigned worker = 0; worker < workers; ++worker) {
        threads.emplace_back([&, worker] {
            for (std::size_t index = next++; index < count; index = next++) {
                Result result = work(worker, index);
                {
                    std::lock_guard lock(mutex);
                    finished.push_back(std::move(result));
                }
                ready.notify_one();
            }
        });
    }
    for (std::size_t delivered = 0; delivered < count; ++delivered) {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return !finished.empty(); });
        Result result = std::move(finished.front());
        finished.pop_front();
        lock.unlock();
        try {
            deliver(std::move(result));
        } catch (...) {
            next = count;  // workers stop after their current item instead of doing all the rest
            throw;
        }
    }
}

// Threads worth starting for `items` items given `wanted` (at least one).
inline unsigned worker_count(unsigned wanted, std::size_t items) {
    return std::max(1u, std::min<unsigned>(wanted, static_cast<unsigned>(items)));
}

// Runs work(i) for every i in [0, items) on every core, for work that writes its own part of a
// result; rethrows the first error as timbre::Error once all items are done.
template <typename Work>
void on_every_core(std::size_t items, Work work) {
    std::string first_error;
    run_on_workers(
        items, worker_count(std::thread::hardware_concurrency(), items),
        [&](unsigned, std::size_t i) -> std::string {
            try {
                work(i);
                return {};
            } catch (const std::exception& error) {
                return error.what();
            }
        },
        [&](std::string error) {
            if (first_error.empty()) {
                first_error = std::move(error);
            }
        });
    if (!first_error.empty()) {
        throw Error(first_error);
    }
}

}  // namespace timbre::host
